namespace DiagnosticsBenchmark.Measuring;

/// <summary>One operation's count in LocalCloud's request log.</summary>
public sealed record OperationCount(string Service, string Operation, long Count);

/// <summary>
/// LocalCloud's request log over its unsigned endpoint, <c>/_localcloud/requests</c>: the requests it answered,
/// counted outside the dashboard. <c>DELETE</c> starts a run from zero; <c>GET</c> reads what the run cost.
/// </summary>
public sealed class RequestCounter(HttpClient http)
{
    private const string Path = "/_localcloud/requests";

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(Path, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<OperationCount>> ReadAsync(CancellationToken cancellationToken)
    {
        var log = await http.GetFromJsonAsync<RequestLogAnswer>(Path, cancellationToken)
            ?? throw new InvalidOperationException($"LocalCloud answered {Path} with nothing.");
        return [.. (log.Requests ?? []).OrderByDescending(r => r.Count).ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Operation, StringComparer.Ordinal)];
    }

    private sealed record RequestLogAnswer(long Total, IReadOnlyList<OperationCount>? Requests);
}
