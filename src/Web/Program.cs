using RdvSP.Infrastructure.Notifications;
using RdvSP.Infrastructure.Webhooks;
using RdvSP.Web.Configuration;

// `dotnet RdvSP.Web.dll migrate` (Scalingo postdeploy, make run, CI) applies the SQL migrations and exits;
// `seed` also loads the demo territory; `seed-load` the load-test territory (make load); `jobs` runs the background-job server. Anything else serves the web app.
if (args.Length > 0 && args[0] is "migrate" or "seed" or "seed-load" or "seed-agent-load" or "jobs")
    return Commands.Run(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddObservability();
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWeb(builder.Configuration, builder.Environment);
// The `jobs` process sends the outbox and the webhooks; a single-process run (make run, tests) sends them from here too.
if (NotificationsRegistration.DispatchInWeb(builder.Configuration, builder.Environment))
    builder.Services.AddOutboxDispatcher().AddWebhookDispatcher();

var app = builder.Build();
app.UseWebPipeline();
app.MapHealthEndpoints();
app.MapRazorPages();
app.MapApi();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
