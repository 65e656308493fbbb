using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Motifs;

/// <summary>Creates a motif, empty or as a copy of another motif of the organisation ("Dupliquer").</summary>
public sealed class NewModel(IMediator mediator) : MotifFormPage(mediator)
{
    [FromQuery(Name = "duplicate_motif_id")] public long? DuplicateMotifId { get; set; }

    protected override long? SourceMotifId => DuplicateMotifId;

    public override bool Editing => false;

    public IActionResult OnGet()
    {
        if (Form.Motif is { } source)
            Input = MotifFormInput.From(source) with { Name = $"{source.Name} (copie)" };
        else if (Form.Choices.Services.Count == 1)
            Input.ServiceId = Form.Choices.Services[0].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await Mediator.Send(Input.Fill(new CreateMotifCommand { OrganisationId = OrganisationId }), cancellationToken);
        TempData["notice"] = "Le motif a été créé.";
        return Redirect(AdminUrls.Motif(OrganisationId, id));
    }
}
