using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace TrainingPortal.Web.Features.Calendar;

/// <summary>
/// A personal iCalendar feed of a person's meetings at a secret address (<c>/calendar/{token}.ics</c>)
/// that calendar apps poll without signing in. Only a SHA-256 hash of the secret is stored (in
/// Identity's user-token table); making a new address makes the old one stop working.
/// </summary>
public sealed class CalendarController(AppDbContext db, UserManager<AppUser> users, PortalClock clock, AuditLog audit, Infrastructure.PublicAddress publicAddress) : Controller
{
    private const string Provider = "TrainingPortal";
    private const string TokenName = "CalendarFeed";

    /// <summary>Meetings from this many days ago onward are in the feed.</summary>
    public const int PastDays = 30;

    [HttpGet("profile/calendar")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var exists = await users.GetAuthenticationTokenAsync(user, Provider, TokenName) is not null;
        return View(new CalendarPage(exists, NewAddress: null));
    }

    [HttpPost("profile/calendar")]
    public async Task<IActionResult> Regenerate()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        // Two clicks at once (two tabs, a double submit) both find no address and insert one: the second
        // insert breaks the token's primary key, or the account's concurrency stamp has moved. Try again
        // on the fresh state, so the address shown is the one stored (the newest replaces the older).
        for (var attempt = 1; ; attempt++)
        {
            IdentityResult result;
            try
            {
                result = await users.SetAuthenticationTokenAsync(user, Provider, TokenName, Hash(secret));
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 5)
            {
                result = IdentityResult.Failed(new IdentityError { Code = "DuplicateToken" });
            }
            if (result.Succeeded)
            {
                break;
            }
            if (attempt >= 5)
            {
                throw new InvalidOperationException("The calendar address could not be saved: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }
            db.ChangeTracker.Clear();
            user = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("The account is gone.");
        }
        await audit.RecordAsync("CalendarFeedAddressCreated", nameof(AppUser), user.Id);
        var address = publicAddress.Absolute($"/calendar/{user.Id}.{secret}.ics");
        Response.Headers.CacheControl = "no-store";
        return View("Index", new CalendarPage(true, address));
    }

    /// <summary>The feed itself: no login (calendar apps cannot sign in); the secret in the address is the key.</summary>
    [AllowAnonymous]
    [HttpGet("calendar/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return NotFound();
        }
        var userId = token[..dot];
        var secret = token[(dot + 1)..];
        var stored = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == TokenName)
            .Select(t => t.Value)
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return NotFound();
        }

        var from = clock.UtcNow.AddDays(-PastDays);
        // The person's meetings: groups they are active members of, and groups they lead.
        var meetings = await Schedules.PersonMeetings.Of(db, userId)
            .Where(m => m.StartsUtc >= from)
            .OrderBy(m => m.StartsUtc)
            .Select(m => new { m.Id, m.StartsUtc, m.DurationMinutes, m.Cancelled, m.Title, GroupName = m.Group!.Name, m.GroupId, m.Group.MeetingLink, m.Group.MeetingPlace })
            .ToListAsync(cancellationToken);

        var calendar = new Ical.Net.Calendar();
        calendar.AddProperty("X-WR-CALNAME", "TrainingPortal meetings");
        var stamp = new CalDateTime(clock.UtcNow, "UTC");
        foreach (var m in meetings)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"meeting-{m.Id}@trainingportal",
                DtStamp = stamp,
                Start = new CalDateTime(DateTime.SpecifyKind(m.StartsUtc, DateTimeKind.Utc), "UTC"),
                End = new CalDateTime(DateTime.SpecifyKind(m.StartsUtc.AddMinutes(m.DurationMinutes), DateTimeKind.Utc), "UTC"),
                Summary = m.Title is null ? m.GroupName : $"{m.GroupName}: {m.Title}",
                Status = m.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Url = new Uri(publicAddress.Absolute("/")),
                // Where: the link when there is one (calendar apps make it clickable), else the place. The serializer escapes
                // commas, semicolons, backslashes and line breaks in both (RFC 5545 §3.3.11).
                Location = m.MeetingLink ?? m.MeetingPlace,
                Description = Description(m.GroupName, m.MeetingLink, m.MeetingPlace),
            });
        }
        var ics = new CalendarSerializer().SerializeToString(calendar) ?? "";
        Response.Headers.CacheControl = "private, max-age=900";
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "trainingportal.ics");
    }

    /// <summary>The event's description: the group, and where it meets when set.</summary>
    internal static string Description(string groupName, string? link, string? place)
    {
        var lines = new List<string> { "TrainingPortal meeting of " + groupName + "." };
        if (link is not null)
        {
            lines.Add("Join online: " + link);
        }
        if (place is not null)
        {
            lines.Add("Place: " + place);
        }
        return string.Join("\n", lines);
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed record CalendarPage(bool HasAddress, string? NewAddress);
