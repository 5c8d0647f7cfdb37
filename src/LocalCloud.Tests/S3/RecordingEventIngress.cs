using System.Collections.Concurrent;
using LocalCloud.Events;

namespace LocalCloud.Tests.S3;

/// <summary>EventBridge's way in, recorded: what S3 and CloudTrail published, on which bus.</summary>
public sealed class RecordingEventIngress : IEventIngress
{
    private readonly ConcurrentQueue<(CloudEvent Event, string Bus)> _published = new();

    public Task PublishAsync(CloudEvent cloudEvent, string eventBusName, CancellationToken cancellationToken)
    {
        _published.Enqueue((cloudEvent, eventBusName));
        return Task.CompletedTask;
    }

    public IReadOnlyList<(CloudEvent Event, string Bus)> Published => [.. _published];

    /// <summary>The events of one account (tests isolate themselves by account).</summary>
    public IReadOnlyList<CloudEvent> For(string account, string? detailType = null) =>
        [.. _published.Select(p => p.Event).Where(e => e.Account == account && (detailType is null || e.DetailType == detailType))];
}

/// <summary>CloudTrail's recorder, recorded: the API calls S3 reported.</summary>
public sealed class RecordingCloudTrailRecorder : ICloudTrailRecorder
{
    private readonly ConcurrentQueue<ApiCallRecord> _calls = new();

    public Task RecordAsync(ApiCallRecord call, CancellationToken cancellationToken)
    {
        _calls.Enqueue(call);
        return Task.CompletedTask;
    }

    public IReadOnlyList<ApiCallRecord> Calls => [.. _calls];
}
