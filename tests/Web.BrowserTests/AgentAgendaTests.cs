using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.TestKit;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// The agent agenda in Chromium (issue 8, acceptance 1): an agent signs in and sees, on a week with a
/// public holiday, his RDV, his plage in the background and the holiday; a click on an empty time opens
/// the RDV wizard for him at that time; on a phone the agenda opens on one day.
/// </summary>
public sealed class AgentAgendaTests : BrowserTest
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private BackOfficeWorld world = null!;
    private DateOnly holiday;
    private DateOnly rdvDay;

    [SetUp]
    public async Task CreateWorldAsync()
    {
        world = await BrowserEnvironment.NewBackOfficeWorldAsync();
        // The next weekday holiday at least a week ahead: the world's plage (weekdays 09:00–12:00 from
        // tomorrow) covers its week.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        holiday = new[] { today.Year, today.Year + 1 }
            .SelectMany(y => PublicHolidays.For(y, HolidayCalendar.Metropolitan))
            .First(d => d > today.AddDays(7) && d.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Friday);
        rdvDay = holiday.DayOfWeek == DayOfWeek.Monday ? holiday.AddDays(1) : holiday.AddDays(-1);
        var local = rdvDay.ToDateTime(new TimeOnly(10, 0));
        var starts = new DateTimeOffset(local, Paris.GetUtcOffset(local));
        await using var scope = BrowserEnvironment.AppServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(world.OrganisationA, world.PmiMotifA, world.LieuA, starts, starts.AddMinutes(30),
            [world.PmiAgentA.Id], [new NewParticipation(world.UsagerA)], CreatedByTypes.Agent, world.PmiAgentA.Id, ExclusiveForAgents: false), default);
    }

    [Test]
    public async Task An_agent_sees_his_week_with_the_rdv_the_plage_and_the_holiday_and_a_click_opens_the_wizard()
    {
        await SignInAsync();
        await Page.GotoAsync($"{Agenda}?date={Day(holiday)}");

        await Expect(Page.Locator(".fc-timeGridWeek-view")).ToBeVisibleAsync();
        var rdv = Page.Locator(".fc-timegrid-event.agenda-rdv").Filter(new() { HasText = world.UsagerALastName.ToUpperInvariant() });
        await Expect(rdv).ToBeVisibleAsync();
        await Expect(Page.Locator($".fc-timegrid-col[data-date='{Day(rdvDay)}'] .fc-bg-event.agenda-plage")).ToHaveCountAsync(1);
        await Expect(Page.Locator($".fc-daygrid-day[data-date='{Day(holiday)}'] .fc-bg-event.agenda-holiday, .fc-timegrid-col[data-date='{Day(holiday)}'] .fc-bg-event.agenda-holiday").First)
            .ToContainTextAsync("Jour férié");
        // Sunday is never shown, Saturday only on the agent's request.
        await Expect(Page.Locator(".fc-col-header-cell.fc-day-sun")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".fc-col-header-cell.fc-day-sat")).ToHaveCountAsync(0);
        ShouldHaveNoBrowserErrors();

        // An empty half hour (16:00 on the RDV's day) → the RDV wizard for this agent at that time. The
        // wizard is another feature's page: only the address it is opened with is checked here.
        await Page.RouteAsync("**/rdv_wizard_step/new**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>Assistant</title>" }));
        await Page.Locator(".fc-timegrid-slot-lane[data-time='16:00:00']").ScrollIntoViewIfNeededAsync();
        var column = await Page.Locator($".fc-timegrid-col[data-date='{Day(rdvDay)}']").BoundingBoxAsync();
        var slot = await Page.Locator(".fc-timegrid-slot-lane[data-time='16:00:00']").BoundingBoxAsync();
        await Page.Mouse.ClickAsync(column!.X + (column.Width / 2), slot!.Y + (slot.Height / 2));
        await Page.WaitForURLAsync(url => url.Contains("/rdv_wizard_step/new", StringComparison.Ordinal));
        var query = Uri.UnescapeDataString(new Uri(Page.Url).Query);
        query.Should().Contain($"starts_at={Day(rdvDay)}T16:00").And.Contain($"agent_ids[]={world.PmiAgentA.Id}").And.Contain("duration_in_min=30");
    }

    [Test]
    public async Task The_saturday_toggle_shows_saturdays()
    {
        await SignInAsync();
        await Page.GotoAsync($"{Agenda}?date={Day(holiday)}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Afficher les samedis" }).ClickAsync();

        await Expect(Page.Locator(".fc-col-header-cell.fc-day-sat")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Ne pas afficher les samedis" })).ToBeVisibleAsync();
        ShouldHaveNoBrowserErrors();
    }

    [Test]
    public async Task On_a_phone_the_agenda_opens_on_one_day_with_the_link_to_its_rdv_list()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await SignInAsync();
        await Page.GotoAsync($"{Agenda}?date={Day(rdvDay)}");

        await Expect(Page.Locator(".fc-timeGridDay-view")).ToBeVisibleAsync();
        await Expect(Page.Locator(".fc-timegrid-event.agenda-rdv")).ToHaveCountAsync(1);
        var list = Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Liste détaillée des RDV du ") });
        await Expect(list).ToBeVisibleAsync();
        (await list.GetAttributeAsync("href")).Should().Be($"/admin/organisations/{world.OrganisationA}/rdvs?agent_id={world.PmiAgentA.Id}&start={Day(rdvDay)}&end={Day(rdvDay)}");
        ShouldHaveNoBrowserErrors();
    }

    private string Agenda => $"/admin/organisations/{world.OrganisationA}/agent_agendas/{world.PmiAgentA.Id}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task SignInAsync()
    {
        await Page.GotoAsync("/agents/sign_in");
        await Page.GetByLabel("Adresse e-mail").FillAsync(world.PmiAgentA.Email);
        await Page.GetByLabel("Mot de passe").FillAsync(BackOfficeWorld.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // An agent of one organisation lands on his own agenda.
        await Page.WaitForURLAsync(url => url.Contains($"/agent_agendas/{world.PmiAgentA.Id}", StringComparison.Ordinal));
    }
}
