namespace Dashboard.Configuration;

/// <summary>How people sign in to the dashboard.</summary>
public enum SignInMode
{
    /// <summary>No sign-in: the local user in Local mode; <see cref="SignInOptions.Anonymous"/> in Aws mode.</summary>
    None,

    /// <summary>OpenID Connect against any provider, with a cookie session.</summary>
    Oidc,

    /// <summary>An AWS Application Load Balancer signs the user in and passes the <c>x-amzn-oidc-data</c> header.</summary>
    Alb,
}

/// <summary>
/// The <c>SignIn</c> section. Local mode needs no sign-in but then listens on loopback only; Aws mode requires sign-in
/// unless <see cref="Anonymous"/> says which role anonymous visitors get. Secrets here never reach the logs.
/// </summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";
    public const string ModeKey = "SignIn:Mode";
    public const string AuthorityKey = "SignIn:Authority";
    public const string ClientIdKey = "SignIn:ClientId";
    public const string ClientSecretKey = "SignIn:ClientSecret";
    public const string ScopesKey = "SignIn:Scopes";
    public const string RoleClaimKey = "SignIn:RoleClaim";
    public const string OperatorValuesKey = "SignIn:OperatorValues";
    public const string ViewerValuesKey = "SignIn:ViewerValues";
    public const string KeyUrlKey = "SignIn:KeyUrl";
    public const string SignerArnKey = "SignIn:SignerArn";
    public const string AnonymousKey = "SignIn:Anonymous";
    public const string AllowRemoteAnonymousKey = "SignIn:AllowRemoteAnonymous";

    /// <summary>Where ALBs publish their signing keys, by region and key id.</summary>
    public const string DefaultKeyUrl = "https://public-keys.auth.elb.{region}.amazonaws.com/{kid}";

    public SignInMode Mode { get; set; } = SignInMode.None;

    /// <summary>The OpenID Connect issuer, such as <c>https://login.example.com/realms/data</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Never logged, never shown.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>The claim whose values give the role.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Values of <see cref="RoleClaim"/> that make a user an Operator.</summary>
    public IReadOnlyList<string> OperatorValues { get; set; } = [];

    /// <summary>Values of <see cref="RoleClaim"/> that make a user a Viewer.</summary>
    public IReadOnlyList<string> ViewerValues { get; set; } = [];

    /// <summary>The ALB public key URL; <c>{kid}</c> is the token's key id and <c>{region}</c> the ALB's region.</summary>
    public string KeyUrl { get; set; } = DefaultKeyUrl;

    /// <summary>The ALB's ARN; when set, a token signed by any other ALB is refused.</summary>
    public string? SignerArn { get; set; }

    /// <summary>The region for <c>{region}</c> in <see cref="KeyUrl"/>: the signer's, else <c>Aws:Region</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The role of visitors without sign-in in Aws mode; null refuses to start in Aws mode without sign-in.</summary>
    public string? Anonymous { get; set; }

    /// <summary>The explicit opt-in to listen on non-loopback addresses without sign-in (the demo in a container).</summary>
    public bool AllowRemoteAnonymous { get; set; }

    public bool Enabled => Mode != SignInMode.None;

    /// <summary>The key URL for one key id, with the region filled in.</summary>
    public Uri KeyUrlFor(string kid) => new(KeyUrl
        .Replace("{region}", Region ?? string.Empty, StringComparison.Ordinal)
        .Replace("{kid}", Uri.EscapeDataString(kid), StringComparison.Ordinal));

    /// <summary>The role the claim values give, Operator first; null when they match neither list.</summary>
    public string? RoleFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        return OperatorValues.Any(values.Contains) ? Security.DashboardRoles.Operator
            : ViewerValues.Any(values.Contains) ? Security.DashboardRoles.Viewer
            : null;
    }

    /// <summary>What a user needs to get in, in words, for the access-denied page and the log.</summary>
    public string Expectation() =>
        $"a '{RoleClaim}' claim with {Describe(OperatorValues)} for the Operator role, or {Describe(ViewerValues)} for the Viewer role";

    private static string Describe(IReadOnlyList<string> values) => values.Count == 0
        ? "no value (none is configured)"
        : values.Count == 1 ? $"the value '{values[0]}'" : $"one of {string.Join(", ", values.Select(v => $"'{v}'"))}";
}
