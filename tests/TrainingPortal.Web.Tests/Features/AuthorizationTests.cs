using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// Every controller action — including every one added later — needs a signed-in user unless it is
/// on the public allow-list below; and every unsafe method is antiforgery-protected.
/// </summary>
public sealed class AuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>The only actions anyone may reach without signing in: "Controller.Action".</summary>
    private static readonly HashSet<string> PublicActions =
    [
        "Account.Login",
        "Notifications.Unsubscribe", "Notifications.UnsubscribeConfirmed", // an e-mail's signed one-click unsubscribe link (RFC 8058)
        "Account.Register",
        "Account.ConfirmEmail",
        "PersonDetails.ConfirmEmailChange", // the link mailed to a new address (issue 13): the change-e-mail token is the key
        "Account.ForgotPassword",
        "Account.ResetPassword",
        "Account.AccessDenied",
        "TwoFactor.SignIn",   // the second sign-in step: only for the person whose password was just accepted (Identity's two-factor cookie)
        "TwoFactor.Recovery", // the same step with a recovery code
        "Errors.ServerError",
        "Errors.Status",
        "Calendar.Feed", // the secret in the address is the key: calendar apps cannot sign in
        "Verify.Index",  // public certificate verification (issue 5): name, credential, date and status only; rate-limited
        "Verify.Show",
        "CredentialKeys.Jwks", // /.well-known/jwks.json: the public keys anyone needs to check an Open Badges credential; GET only
        "StatusLists.Show", // /credentials/status/{purpose}/{list}: the credentials' status lists, bits only, no person; GET only; rate-limited
        "Rating.Show",   // a reference rater's form (issue 12): the single-use, expiring link's token is the key; rate-limited
        "Rating.Submit",
        "TrainingRequests.Index", // organisations request MIO training without an account: rate-limited POST, honeypot
        "TrainingRequests.Thanks",
        "MiChampions.Index", // MI Champions' public front page: what it is and the way in; no person
        "Catalog.Index", // the public program catalog: programs, their rules, groups' names and schedules; no person
        "Roster.Index", // the public roster: people who opted in, with a valid credential; name, credential, city, state only
    ];

    /// <summary>
    /// The JSON API's actions ("Controller.Action"): an API key or an administrator's session; anonymous
    /// callers get 401 problem+json instead of the sign-in redirect (ADR-008).
    /// </summary>
    private static readonly HashSet<string> ApiActions =
    [
        "EligibilityApi.Evaluate",
    ];

    /// <summary>
    /// Controllers that opt out of antiforgery, with the reason: the error pages (re-executed for any
    /// failed request, changing nothing) and the JSON API (bearer keys, no cookie-borne form posts:
    /// it requires Content-Type application/json, ADR-008).
    /// </summary>
    // Notifications: only its unsubscribe POST, which mail programs send without a cookie (RFC 8058); the signed token is the authority.
    private static readonly HashSet<string> AntiforgeryOptOuts = ["Errors", "EligibilityApi", "Notifications"];

    /// <summary>
    /// Public endpoints that are not controller actions (route patterns), with the reason; static
    /// files (MapStaticAssets) are public too and are not listed.
    /// </summary>
    private static readonly HashSet<string> PublicEndpoints =
    [
        "health/live",              // load balancer probes; answer only "Healthy"
        "health/ready",
        "openapi/{documentName}.json", // describes the API's shape, holds no data; the API itself needs a key (ADR-008)
    ];

    private IReadOnlyList<ControllerActionDescriptor> Actions() =>
        [.. factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>()];

    private static string NameOf(ControllerActionDescriptor action) => $"{action.ControllerName}.{action.ActionName}";

    private static bool AllowsAnonymous(ActionDescriptor action) =>
        action.EndpointMetadata.OfType<IAllowAnonymous>().Any();

    [Fact]
    public void Only_allow_listed_actions_allow_anonymous_users()
    {
        var anonymous = Actions().Where(AllowsAnonymous).Select(NameOf).ToHashSet();

        Assert.NotEmpty(Actions());
        Assert.Empty(anonymous.Except(PublicActions)); // nothing public by accident
        Assert.Empty(PublicActions.Except(anonymous)); // the allow-list is not stale
    }

    [Fact]
    public void Only_allow_listed_endpoints_outside_mvc_allow_anonymous_users()
    {
        var endpoints = factory.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .ToList();
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();

        Assert.Equal(PublicEndpoints.Order(StringComparer.Ordinal), anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_openapi_description_is_public()
    {
        var response = await factory.CreatePortalClient().GetAsync(Web.Infrastructure.OpenApiSetup.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_protected_action_redirects_an_anonymous_visitor_to_sign_in()
    {
        var client = factory.CreatePortalClient();
        var checkedRoutes = 0;
        var checkedApiRoutes = 0;
        foreach (var action in Actions().Where(a => !AllowsAnonymous(a)))
        {
            var template = action.AttributeRouteInfo?.Template;
            Assert.False(template is null, $"{NameOf(action)} has no attribute route");
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(template!, "{[^}]+}", "1");
            var methods = action.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>()
                .SelectMany(c => c.HttpMethods).ToList() ?? [];
            foreach (var method in methods.Count == 0 ? ["GET"] : methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent([]);
                }
                var response = await client.SendAsync(request);
                if (ApiActions.Contains(NameOf(action)))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} ({NameOf(action)}) answered {(int)response.StatusCode} to an anonymous caller");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Null(response.Headers.Location);
                    checkedApiRoutes++;
                }
                else
                {
                    Assert.True(response.IsRedirectToLogin(), $"{method} {path} ({NameOf(action)}) answered {(int)response.StatusCode} to an anonymous visitor");
                }
                checkedRoutes++;
            }
        }
        Assert.True(checkedRoutes >= 5, $"only {checkedRoutes} protected routes found");
        Assert.Equal(ApiActions.Count, checkedApiRoutes);
    }

    [Fact]
    public void Api_actions_are_exactly_the_allow_listed_ones_and_use_the_api_policy()
    {
        var api = Actions()
            .Where(a => a.AttributeRouteInfo?.Template?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.Equal(ApiActions.Order(StringComparer.Ordinal), api.Select(NameOf).Order(StringComparer.Ordinal));
        Assert.All(api, a => Assert.Contains(a.EndpointMetadata.OfType<IAuthorizeData>(), d => d.Policy == Web.Infrastructure.Policies.Api));
    }

    [Fact]
    public void Every_unsafe_action_validates_the_antiforgery_token()
    {
        // The global AutoValidateAntiforgeryToken filter covers every POST; only the allow-listed
        // controllers may opt out.
        var optedOut = Actions()
            .Where(a => a.EndpointMetadata.OfType<IgnoreAntiforgeryTokenAttribute>().Any())
            .Select(a => a.ControllerName)
            .ToHashSet();
        Assert.Equal(AntiforgeryOptOuts.Order(StringComparer.Ordinal), optedOut.Order(StringComparer.Ordinal));

        var mvc = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MvcOptions>>().Value;
        Assert.Contains(mvc.Filters, f => f is AutoValidateAntiforgeryTokenAttribute);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);

        var response = await client.PostAsync("/profile", new FormUrlEncodedContent([new("DisplayName", "Mallory")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await factory.FindAsync(user.Email!);
        Assert.Equal("Test Trainee", stored!.DisplayName);
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_refused()
    {
        var client = factory.CreatePortalClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("Email", "trainee@demo.local"), new("Password", PortalClient.DemoPassword)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void No_action_changes_state_on_get()
    {
        // Actions that accept GET must not be the ones that save: by convention here, a GET action never
        // takes a form model. Saving actions are POST-only.
        var getWithForm = Actions()
            .Where(a => a.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>()
                .Any(c => c.HttpMethods.Contains("GET")) == true)
            .Where(a => a.Parameters.Any(p => p.ParameterType.Name.EndsWith("Form", StringComparison.Ordinal)))
            .Select(NameOf)
            .ToList();

        Assert.Empty(getWithForm);
    }
}
