using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Cloud;

/// <summary>
/// The environment one circuit (or one HTTP request) shows: the <c>env</c> query parameter of its URL, or the default
/// when there is none. Scoped, and fixed for the scope's life: a link to another environment reloads the page, so a
/// circuit never mixes two accounts. An unknown name is kept as <see cref="UnknownName"/>; the layout then shows what
/// is known instead of the page, and the services fall back on the default environment's.
/// </summary>
public sealed class EnvironmentSelection
{
    public const string QueryParameter = "env";

    private readonly CloudEnvironments _environments;
    private readonly NavigationManager? _navigation;
    private readonly IHttpContextAccessor? _http;
    private (CloudEnvironment Environment, string? Unknown, string? Requested)? _chosen;

    public EnvironmentSelection(CloudEnvironments environments, IServiceProvider services)
    {
        _environments = environments;
        _navigation = services.GetService<NavigationManager>();
        _http = services.GetService<IHttpContextAccessor>();
    }

    public CloudEnvironments Environments => _environments;

    /// <summary>The environment this scope shows.</summary>
    public CloudEnvironment Current => Choose().Environment;

    /// <summary>The name the URL asked for when no environment has it; null otherwise.</summary>
    public string? UnknownName => Choose().Unknown;

    /// <summary>The name the URL asked for, known or not; null when it named none and the default applies.</summary>
    public string? RequestedName => Choose().Requested;

    public EnvironmentServices Services => _environments.ServicesOf(Current);

    /// <summary>The <c>env</c> of a URL, or null when it names none.</summary>
    public static string? NameIn(string uri)
    {
        var query = uri.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? uri[at..] : string.Empty;
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(hash >= 0 ? query[..hash] : query).TryGetValue(QueryParameter, out var value)
            && value.ToString() is { Length: > 0 } name ? name : null;
    }

    private (CloudEnvironment Environment, string? Unknown, string? Requested) Choose() => _chosen ??= NameInRequest() switch
    {
        null => (_environments.Default, null, null),
        var name when _environments.Find(name) is { } found => (found, null, name),
        var name => (_environments.Default, name, name),
    };

    private string? NameInRequest()
    {
        if (CurrentUri() is { } uri)
        {
            return NameIn(uri);
        }

        return _http?.HttpContext?.Request.Query[QueryParameter].ToString() is { Length: > 0 } fromRequest ? fromRequest : null;
    }

    private string? CurrentUri()
    {
        if (_navigation is null)
        {
            return null;
        }

        try
        {
            return _navigation.Uri;
        }
        catch (InvalidOperationException)
        {
            // Not a component's scope (a plain HTTP endpoint): the request's query says instead.
            return null;
        }
    }
}
