using System.Net;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Data;

namespace TrainingPortal.Web.Tests.Notifications;

/// <summary>The person's notification list, opening one, marking all read, the settings page, and per-record access.</summary>
public sealed class NotificationPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<long> NotifyAsync(string userId, string title, string link = "/transcript") =>
        await factory.WithScopeAsync(async sp =>
        {
            var n = sp.GetRequiredService<Web.Notifications.Notifier>().Add(userId, NotificationKind.CertificateIssued, "test:" + Guid.NewGuid(), title, "Body of " + title, link);
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return n.Id;
        });

    [Fact]
    public async Task The_list_shows_only_the_persons_own_with_the_unread_count_and_opening_one_marks_it_read()
    {
        var me = await factory.CreateAsync();
        var other = await factory.CreateAsync();
        var first = await NotifyAsync(me.Id, "First news");
        await NotifyAsync(me.Id, "Second news");
        var theirs = await NotifyAsync(other.Id, "Not yours");
        var client = await factory.SignedInAsync(me.Email!, TestUsers.Password);

        var html = PortalClient.Decode(await client.GetStringAsync("/notifications"));
        Assert.Contains("2 unread", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("data-testid=\"unread-count\">2<"), html);
        Assert.True(html.IndexOf("Second news", StringComparison.Ordinal) < html.IndexOf("First news", StringComparison.Ordinal)); // newest first
        Assert.DoesNotContain("Not yours", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/notifications/{theirs}")).StatusCode);

        var opened = await client.GetAsync($"/notifications/{first}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/transcript", opened.Headers.Location!.OriginalString);
        html = PortalClient.Decode(await client.GetStringAsync("/notifications"));
        Assert.Contains("1 unread", html, StringComparison.Ordinal);

        var marked = await client.PostFormAsync("/notifications", "/notifications/read", []);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        html = PortalClient.Decode(await client.GetStringAsync("/notifications"));
        Assert.Contains("nothing unread", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"unread-count\"", html, StringComparison.Ordinal); // no badge when nothing is unread
        Assert.Null((await factory.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == theirs))).ReadUtc); // theirs untouched
    }

    [Fact]
    public async Task A_link_that_leaves_the_portal_is_never_followed()
    {
        var me = await factory.CreateAsync();
        var id = await NotifyAsync(me.Id, "Odd link", "https://evil.example/phish");
        var client = await factory.SignedInAsync(me.Email!, TestUsers.Password);
        var opened = await client.GetAsync($"/notifications/{id}");
        Assert.Equal("/notifications", opened.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Settings_list_the_kinds_of_the_persons_roles_keep_the_choice_and_refuse_an_unknown_channel()
    {
        var trainee = await factory.CreateAsync();
        var client = await factory.SignedInAsync(trainee.Email!, TestUsers.Password);
        var html = PortalClient.Decode(await client.GetStringAsync("/notifications/settings"));
        Assert.Contains("data-testid=\"kind-AtRisk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"kind-AdministratorDigest\"", html, StringComparison.Ordinal); // not an administrator
        Assert.DoesNotContain("data-testid=\"kind-TrainerDigest\"", html, StringComparison.Ordinal);

        var bad = await client.PostFormAsync("/notifications/settings", "/notifications/settings", [new("channel[AtRisk]", "Pigeon"), new("channel[Enrolled]", "PortalOnly")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose how you want to be told", PortalClient.Decode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == trainee.Id))); // nothing half-saved

        var saved = await client.PostFormAsync("/notifications/settings", "/notifications/settings", [new("channel[AtRisk]", "WeeklyDigest")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        html = PortalClient.Decode(await client.GetStringAsync("/notifications/settings"));
        Assert.Matches(new Regex("id=\"channel-AtRisk-WeeklyDigest\"[^>]*checked"), html);
        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(NotificationPreference)));
        Assert.True(audited >= 1);
    }
}
