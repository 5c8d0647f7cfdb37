using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Response headers that keep the dashboard's pages from being framed, sniffed or made to load foreign code. The
/// content security policy allows what Blazor Server and MudBlazor need: the app's own scripts, its WebSocket, and
/// inline styles (MudBlazor sets style attributes). No HSTS: the app itself serves plain HTTP on loopback or behind a
/// TLS-terminating proxy, which is where HSTS belongs.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(SignInOptions signIn)
    {
        // A sign-out form posts here and is redirected to the provider, which Chromium checks against form-action.
        var formAction = signIn.Mode == SignInMode.Oidc && Uri.TryCreate(signIn.Authority, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // Read on first use: the options are validated when the app starts, not while it is being built.
        var policy = new Lazy<string>(() => ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IOptions<SignInOptions>>().Value));
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy.Value;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return next(context);
        });
    }
}
