using System.Text.Json;
using LocalCloud.CloudTrail;

namespace Durability;

/// <summary>
/// What reached Glue, per object key, read from CloudTrail's event history: every successful <c>NotifyEvent</c> call
/// carries the delivered event in <c>requestParameters.eventPayload.eventBody</c>, whose detail names the object
/// (<c>detail.object.key</c> for S3 "Object Created", <c>detail.requestParameters.key</c> for CloudTrail PutObject).
/// Refused calls (those with an <c>errorCode</c>) are counted apart: they did not reach Glue.
/// </summary>
internal sealed record DeliveryLedger(IReadOnlyDictionary<string, int> DeliveriesByKey, int Refused, int WithoutKey, int HistorySize)
{
    /// <summary>
    /// The history keeps at most this many events per account and region and drops the oldest. A run on a fresh data
    /// path whose whole history is smaller than this has dropped nothing, so the ledger is complete.
    /// </summary>
    public const int HistoryCapacity = CloudTrailBackend.DefaultHistoryCapacity;

    public bool IsComplete => HistorySize < HistoryCapacity;

    public int Deliveries(string key) => DeliveriesByKey.TryGetValue(key, out var count) ? count : 0;

    public static async Task<DeliveryLedger> ReadAsync(AwsWire wire, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = 0;
        var withoutKey = 0;
        await foreach (var record in PagesAsync(wire, new[] { new { AttributeKey = "EventName", AttributeValue = "NotifyEvent" } }, cancellationToken))
        {
            if (record.TryGetProperty("errorCode", out _))
            {
                refused++;
                continue;
            }

            var body = record.GetProperty("requestParameters").GetProperty("eventPayload").GetProperty("eventBody").GetString() ?? "";
            if (KeyOf(JsonDocument.Parse(body).RootElement) is { } key)
            {
                byKey[key] = byKey.GetValueOrDefault(key) + 1;
            }
            else
            {
                withoutKey++;
            }
        }

        var historySize = 0;
        await foreach (var _ in PagesAsync(wire, null, cancellationToken))
        {
            historySize++;
        }

        return new DeliveryLedger(byKey, refused, withoutKey, historySize);
    }

    private static string? KeyOf(JsonElement cloudEvent)
    {
        if (!cloudEvent.TryGetProperty("detail", out var detail))
        {
            return null;
        }

        if (detail.TryGetProperty("object", out var obj) && obj.TryGetProperty("key", out var objectKey))
        {
            return objectKey.GetString();
        }

        return detail.TryGetProperty("requestParameters", out var parameters) && parameters.TryGetProperty("key", out var key) ? key.GetString() : null;
    }

    /// <summary>Every record LookupEvents returns for the filter, following NextToken, 50 to a page.</summary>
    private static async IAsyncEnumerable<JsonElement> PagesAsync(AwsWire wire, object? attributes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var request = new Dictionary<string, object?> { ["MaxResults"] = 50 };
            if (attributes is not null)
            {
                request["LookupAttributes"] = attributes;
            }

            if (token is not null)
            {
                request["NextToken"] = token;
            }

            var page = await wire.CloudTrailAsync("LookupEvents", request, cancellationToken);
            foreach (var e in page.GetProperty("Events").EnumerateArray())
            {
                yield return JsonDocument.Parse(e.GetProperty("CloudTrailEvent").GetString() ?? "{}").RootElement.Clone();
            }

            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
    }
}
