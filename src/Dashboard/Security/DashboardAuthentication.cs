using Dashboard.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Sign-in, as the <c>SignIn</c> section says: none, OpenID Connect with a cookie session, or the ALB's header. With
/// sign-in, every endpoint needs a signed-in user with a dashboard role (the fallback policy), except the health
/// endpoints, static assets and the access pages, which say so themselves.
/// </summary>
public static class DashboardAuthentication
{
    public const string AccessDeniedPath = "/access-denied";
    public const string SignedOutPath = "/signed-out";
    public const string SignOutPath = "/sign-out";

    private static readonly string[] BaseScopes = ["openid", "profile", "email"];

    /// <summary>A signed-in user with one of the two roles.</summary>
    public static AuthorizationPolicy SignedInWithRole { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireRole(DashboardRoles.Viewer, DashboardRoles.Operator)
        .Build();

    public static IServiceCollection AddDashboardSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SignInOptions>, SignInOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>());
        services.AddOptions<SignInOptions>().ValidateOnStart();
        services.AddCascadingAuthenticationState();

        // The mode decides which services exist; a bad value is reported by the validator, and signs nobody in meanwhile.
        var mode = ModeOf(configuration);
        if (mode == SignInMode.None)
        {
            services.AddAuthorization();
            return services;
        }

        services.AddAuthorizationBuilder().SetFallbackPolicy(SignedInWithRole);

        // Scoped: the circuit's user, from the authentication state the circuit started with.
        services.TryAddScoped<ICurrentActor, SignedInActor>();

        if (mode == SignInMode.Oidc)
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                })
                .AddCookie(options =>
                {
                    options.AccessDeniedPath = AccessDeniedPath;
                    options.Cookie.Name = "dashboard.session";
                    options.Cookie.HttpOnly = true;
                    options.Cookie.SameSite = SameSiteMode.Lax;
                    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.SlidingExpiration = true;
                    options.ExpireTimeSpan = TimeSpan.FromHours(8);
                })
                .AddOpenIdConnect();
            services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<SignInOptions>>((options, signIn) => ConfigureOidc(options, signIn.Value));
        }
        else
        {
            services.AddAuthentication(AlbAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, AlbAuthenticationHandler>(AlbAuthenticationHandler.SchemeName, null);
            services.AddHttpClient(AlbKeyStore.HttpClientName, client => client.Timeout = AlbKeyStore.FetchTimeout);
            services.TryAddSingleton<AlbKeyStore>();
        }

        return services;
    }

    private static SignInMode ModeOf(IConfiguration configuration) =>
        configuration[SignInOptions.ModeKey] is { Length: > 0 } raw && SignInRules.TryParseMode(raw, out var parsed) ? parsed : SignInMode.None;

    private static void ConfigureOidc(OpenIdConnectOptions options, SignInOptions signIn)
    {
        options.Authority = signIn.Authority;
        options.ClientId = signIn.ClientId;
        options.ClientSecret = signIn.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.RequireHttpsMetadata = signIn.Authority is null || !signIn.Authority.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

        // Tokens stay out of the cookie (and so out of anything that might log it): the dashboard needs only who and which role.
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.Scope.Clear();
        foreach (var scope in BaseScopes.Concat(signIn.Scopes).Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }

        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal is { } principal)
            {
                context.Principal = DashboardClaims.Principal(principal.Claims, signIn);
                if (DashboardClaims.ActorOf(context.Principal) is null)
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuthentication))
                        .LogWarning("{User} signed in but has no dashboard role: the dashboard expects {Expectation}.", context.Principal.Identity?.Name, signIn.Expectation());
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The authentication middleware (when sign-in is on) and the sign-out endpoint. Call before <c>UseAntiforgery</c>.
    /// </summary>
    public static WebApplication UseDashboardSignIn(this WebApplication app)
    {
        // As at registration, from the raw setting: the options themselves are validated when the app starts.
        if (ModeOf(app.Configuration) == SignInMode.None)
        {
            return app;
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost(SignOutPath, (HttpContext context, IAntiforgery antiforgery, IOptions<SignInOptions> signIn) => SignOutAsync(context, antiforgery, signIn.Value))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInOptions signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("The sign-out form has expired: reload the page and sign out again.");
        }

        if (signIn.Mode == SignInMode.Alb)
        {
            // The ALB keeps its session in these cookies (split when large); expiring them ends it at the ALB.
            for (var i = 0; i < 4; i++)
            {
                context.Response.Cookies.Delete($"AWSELBAuthSessionCookie-{i}");
            }

            return Results.Redirect(SignedOutPath);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = oidc.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(context.RequestAborted) : null;
        return configuration?.EndSessionEndpoint is { Length: > 0 }
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [OpenIdConnectDefaults.AuthenticationScheme])
            : Results.Redirect(SignedOutPath);
    }
}

/// <summary>The circuit's signed-in user, as an <see cref="Actor"/>. Without a dashboard role, a Viewer who cannot write.</summary>
public sealed class SignedInActor(AuthenticationStateProvider authentication) : ICurrentActor
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return DashboardClaims.ActorOf(user) ?? new Actor(user.Identity?.Name ?? "anonymous", DashboardRoles.Viewer);
    }
}
