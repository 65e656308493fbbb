using Microsoft.Extensions.Logging;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// Development delivery (MAIL_PICKUP_DIRECTORY): each e-mail is written to the folder as a .eml file
/// (readable as text, opens in any mail client), so a newcomer can confirm an account with no SMTP
/// server. `make run` sets the folder to .data/mails and prints it.
/// </summary>
internal sealed partial class PickupFolderEmailSender(string folder, SmtpSettings settings, TimeProvider clock, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(folder, name);
        // Written under another name, then renamed: whoever watches the folder never reads half a mail.
        var partial = path + ".part";
        await SmtpEmailSender.ToMime(message, settings.From).WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        LogWritten(logger, message.Subject, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail written for development: {Subject} → {Path}")]
    private static partial void LogWritten(ILogger logger, string subject, string path);
}
