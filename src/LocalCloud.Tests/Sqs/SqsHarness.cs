using LocalCloud.Protocol;
using LocalCloud.Sqs;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Sqs;

/// <summary>An SQS backend on a fake clock, with terse helpers for the shapes.</summary>
internal sealed class SqsHarness
{
    public const string Endpoint = "http://127.0.0.1:4566";
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public SqsHarness() => Backend = new SqsBackend(Clock);

    public FakeTimeProvider Clock { get; } = new(Noon);

    public SqsBackend Backend { get; }

    public RequestContext Context { get; } = Caller("111122223333");

    public static RequestContext Caller(string account, string region = "us-east-1") =>
        new(account, region, "sqs", Guid.NewGuid().ToString(), account);

    public string Create(string name, params (string Key, string Value)[] attributes) =>
        Backend.CreateQueue(Context, Endpoint, new CreateQueueRequest(name, attributes.ToDictionary(a => a.Key, a => a.Value), null)).QueueUrl;

    public SendMessageResult Send(string url, string body, Dictionary<string, MessageAttributeValue>? attributes = null, int? delay = null, string? group = null, string? deduplicationId = null) =>
        Backend.SendMessage(Context, new SendMessageRequest(url, body, delay, attributes, null, deduplicationId, group));

    public List<SqsMessage> Receive(string url, int max = 10, int? visibility = null, int wait = 0, List<string>? attributeNames = null, List<string>? systemNames = null) =>
        ReceiveAsync(url, max, visibility, wait, attributeNames, systemNames).AsTask().GetAwaiter().GetResult().Messages ?? [];

    public ValueTask<ReceiveMessageResult> ReceiveAsync(string url, int max = 10, int? visibility = null, int wait = 0, List<string>? attributeNames = null, List<string>? systemNames = null) =>
        Backend.ReceiveMessageAsync(Context, new ReceiveMessageRequest(url, null, systemNames, attributeNames, max, visibility, wait, null), CancellationToken.None);

    public Dictionary<string, string> Attributes(string url, params string[] names) =>
        Backend.GetQueueAttributes(Context, new GetQueueAttributesRequest(url, [.. names])).Attributes ?? [];

    public static SqsException Error(Action action) => Assert.Throws<SqsException>(action);
}
