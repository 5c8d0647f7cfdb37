using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Security;

namespace Dashboard.Playground;

/// <summary>
/// A fault request that did not happen, in a sentence for the panel. <see cref="Refused"/> says LocalCloud read the
/// rule and said no (its 400), as opposed to not answering.
/// </summary>
public sealed class FaultInjectionException(string message, bool refused = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Refused { get; } = refused;
}

/// <summary>The faults of the LocalCloud this dashboard runs: what the "Make AWS misbehave" panel reads and changes.</summary>
public interface ILocalCloudFaults
{
    /// <summary>The rules in force, in the order they were added.</summary>
    Task<IReadOnlyList<InjectedFault>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the rule, or replaces the one with the same service, operation and kind; returns the rules after.</summary>
    Task<IReadOnlyList<InjectedFault>> PutAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes the rule with this service, operation and kind; returns the rules after.</summary>
    Task<IReadOnlyList<InjectedFault>> RemoveAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken);

    /// <summary>Removes every rule.</summary>
    Task<IReadOnlyList<InjectedFault>> ClearAsync(Actor actor, CancellationToken cancellationToken);
}

/// <summary>
/// Talks to LocalCloud's <c>/_localcloud/faults</c> over HTTP, as curl would: the wire is the contract, as with every
/// other call the dashboard makes to LocalCloud. <paramref name="endpoint"/> is null when no LocalCloud runs in this
/// process (Aws mode), and then every call is refused before any request, so AWS can never be reached from here.
/// Writes change LocalCloud only, but still take an Operator, like the rest of the dashboard's writes.
/// </summary>
public sealed class LocalCloudFaults(HttpClient http, Func<Uri?> endpoint) : ILocalCloudFaults
{
    public const string HttpClientName = "LocalCloudFaults";
    public const string Path = "/_localcloud/faults";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<InjectedFaultKind>() },
    };

    public async Task<IReadOnlyList<InjectedFault>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Path, null, cancellationToken);
        return await RulesAsync(response, cancellationToken);
    }

    public async Task<IReadOnlyList<InjectedFault>> PutAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken)
    {
        CheckActor(actor);
        var body = new Dictionary<string, object>
        {
            ["service"] = fault.Service,
            ["operation"] = fault.Operation,
            ["kind"] = fault.Kind.ToString(),
            ["rate"] = fault.Rate,
        };
        if (fault.Kind == InjectedFaultKind.Latency)
        {
            // LocalCloud refuses a latency on the other kinds, even 0.
            body["latencyMs"] = fault.LatencyMs;
        }

        using var response = await SendAsync(HttpMethod.Put, Path, JsonContent.Create(body, options: JsonOptions), cancellationToken);
        return await RulesAsync(response, cancellationToken);
    }

    public async Task<IReadOnlyList<InjectedFault>> RemoveAsync(InjectedFault fault, Actor actor, CancellationToken cancellationToken)
    {
        CheckActor(actor);
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"?service={Uri.EscapeDataString(fault.Service)}&operation={Uri.EscapeDataString(fault.Operation)}&kind={fault.Kind}");
        using (var response = await SendAsync(HttpMethod.Delete, Path + query, null, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new FaultInjectionException($"LocalCloud has no rule \"{fault.Describe()}\" any more: someone removed it already.");
            }

            await EnsureSuccessAsync(response, cancellationToken);
        }

        return await ListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InjectedFault>> ClearAsync(Actor actor, CancellationToken cancellationToken)
    {
        CheckActor(actor);
        using (var response = await SendAsync(HttpMethod.Delete, Path, null, cancellationToken))
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }

        return await ListAsync(cancellationToken);
    }

    private static void CheckActor(Actor actor)
    {
        if (actor.WriteRefusal("change LocalCloud's faults") is { } refusal)
        {
            throw new FaultInjectionException(refusal, refused: true);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken)
    {
        if (endpoint() is not { } root)
        {
            throw new FaultInjectionException("Fault injection works on the LocalCloud that the dashboard starts in Local mode; this dashboard runs none.");
        }

        using var request = new HttpRequestMessage(method, new Uri(root, pathAndQuery)) { Content = content };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FaultInjectionException($"LocalCloud did not answer {method} {Path} within {Timeout.TotalSeconds:0} s.", inner: error);
        }
        catch (HttpRequestException error)
        {
            throw new FaultInjectionException($"LocalCloud did not answer at {root}: {error.Message}", inner: error);
        }
    }

    private static async Task<IReadOnlyList<InjectedFault>> RulesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        FaultsBody? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<FaultsBody>(JsonOptions, cancellationToken);
        }
        catch (JsonException error)
        {
            throw new FaultInjectionException($"LocalCloud's list of faults could not be read: {error.Message}", inner: error);
        }

        if (body?.Faults is not { } faults)
        {
            throw new FaultInjectionException("LocalCloud's answer has no list of faults.");
        }

        return [.. faults.Select(Read)];
    }

    private static InjectedFault Read(FaultBody fault) =>
        fault is { Service: { Length: > 0 } service, Kind: { } kind, Rate: { } rate }
            ? new InjectedFault(service, fault.Operation is { Length: > 0 } operation ? operation : InjectedFault.AnyOperation, kind, rate, fault.LatencyMs ?? 0)
            : throw new FaultInjectionException("LocalCloud listed a fault without its service, kind or rate.");

    /// <summary>LocalCloud's 400 carries a message naming the field: the panel shows it as is.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = await MessageAsync(response, cancellationToken);
        var method = response.RequestMessage?.Method.Method ?? "A request";
        throw response.StatusCode == HttpStatusCode.BadRequest
            ? new FaultInjectionException($"LocalCloud refused the rule: {message ?? "no reason given."}", refused: true)
            : new FaultInjectionException($"LocalCloud answered {method} {Path} with {(int)response.StatusCode} {response.ReasonPhrase}{(message is null ? "." : $": {message}")}");
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("message", out var message)
                   && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : text;
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the best explanation there is.
            return text;
        }
    }

    private sealed record FaultsBody(IReadOnlyList<FaultBody>? Faults);

    private sealed record FaultBody(string? Service, string? Operation, InjectedFaultKind? Kind, double? Rate, int? LatencyMs);
}
