using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TrainingPortal.Web.Identity;

/// <summary>Sends the portal's e-mails (password reset, confirmation).</summary>
public interface IEmailSender
{
    Task SendAsync(string toAddress, string subject, string textBody, CancellationToken cancellationToken = default) =>
        SendAsync(toAddress, subject, textBody, null, cancellationToken);

    /// <param name="headers">Extra headers, e.g. <c>List-Unsubscribe</c>.</param>
    Task SendAsync(string toAddress, string subject, string textBody, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken = default);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"Pickup" writes each mail as an .eml file (Development); "Smtp" sends it.</summary>
    public string Mode { get; set; } = "Pickup";

    /// <summary>Folder for .eml files, relative to the app's content root unless absolute.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string FromAddress { get; set; } = "no-reply@trainingportal.local";
    public string FromName { get; set; } = "TrainingPortal";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>"StartTls" (default: the server must offer it), "SslOnConnect", "Auto", or "None" (a relay on the same
    /// machine or network that speaks plain SMTP).</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.StartTls;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}

/// <summary>Builds MIME messages and writes them to a folder or sends them over SMTP (MailKit).</summary>
public sealed class MailKitEmailSender(IOptions<EmailOptions> options, IWebHostEnvironment environment, TimeProvider time)
    : IEmailSender
{
    private static long _pickupSequence;

    public async Task SendAsync(string toAddress, string subject, string textBody, IReadOnlyList<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(toAddress));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = textBody };
        foreach (var (name, value) in headers ?? [])
        {
            message.Headers.Add(name, value);
        }

        if (string.Equals(settings.Mode, "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return;
        }

        var folder = Path.Combine(environment.ContentRootPath, settings.PickupDirectory);
        Directory.CreateDirectory(folder);
        // Sorted by name, the files are in the order they were written: the time, then this process's sequence number
        // (two mails in one millisecond — or under a clock that stands still — keep their order).
        var sequence = Interlocked.Increment(ref _pickupSequence);
        var file = Path.Combine(folder, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{sequence:D10}-{Guid.NewGuid():N}.eml"));
        await message.WriteToAsync(file, cancellationToken);
    }
}
