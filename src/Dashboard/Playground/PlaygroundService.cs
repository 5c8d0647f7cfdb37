using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Aws.EventBridge;
using Dashboard.Workflows;

namespace Dashboard.Playground;

/// <summary>A workflow a newcomer can feed: its rule, the S3 prefix the rule watches, and the batching.</summary>
public sealed record PlaygroundTarget(string Workflow, RuleReference Rule, WatchedPrefix Watched, EventBatching? Batching)
{
    public string Key => $"{Workflow}|{Rule.EventBusName}|{Rule.RuleName}";
}

/// <summary>One object the playground put.</summary>
public sealed record PlaygroundUpload(string Key, long Bytes, DateTimeOffset At);

/// <summary>Input the playground refuses before any AWS call, with the reason.</summary>
public sealed class PlaygroundInputException(string message) : ArgumentException(message);

/// <summary>
/// The playground's work in Local mode: find the workflows whose rules watch an S3 prefix, and put objects there
/// through the S3 client, exactly as the AWS CLI would. The rest (event, rule, batch, run) is LocalCloud's.
/// </summary>
public sealed class PlaygroundService(WorkflowCatalog catalog, IEventBridgeApi events, IServiceProvider services, TimeProvider time)
{
    /// <summary>Larger files are refused: the walkthrough's objects are a few hundred bytes.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public const int MaxSamples = 100;

    private const int MaxNameLength = 200;

    private static readonly string[] Products = ["Television", "USB charger", "Headphones", "Desk lamp", "Keyboard", "Monitor", "Webcam", "Router"];

    /// <summary>Every enabled rule of an event-driven workflow whose pattern names one bucket and a key prefix.</summary>
    public async Task<IReadOnlyList<PlaygroundTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var candidates = snapshot.Workflows
            .Where(w => w.IsEventDriven)
            .SelectMany(w => w.Rules.Where(r => r.State == "ENABLED").Select(rule => (Workflow: w, Rule: rule)))
            .ToList();

        var targets = await Task.WhenAll(candidates.Select(async c =>
        {
            var rule = await events.DescribeRuleAsync(new() { Name = c.Rule.RuleName, EventBusName = c.Rule.EventBusName }, cancellationToken);
            return WatchedPrefix.FromPattern(rule.EventPattern) is { } watched
                ? new PlaygroundTarget(c.Workflow.Name, c.Rule, watched, c.Workflow.StartTrigger?.Batching)
                : null;
        }));
        return [.. targets.OfType<PlaygroundTarget>()];
    }

    /// <summary>Puts one file under the target's prefix, keeping its name.</summary>
    public async Task<PlaygroundUpload> UploadAsync(PlaygroundTarget target, string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        var name = CheckName(fileName);
        if (length <= 0)
        {
            throw new PlaygroundInputException($"{name} is empty: an object needs content for the jobs to read.");
        }

        if (length > MaxFileBytes)
        {
            throw new PlaygroundInputException($"{name} is {length / 1024.0 / 1024.0:0.0} MB; the playground takes files up to {MaxFileBytes / 1024 / 1024} MB.");
        }

        var key = target.Watched.Prefix + name;
        // Resolved on use: in Aws mode the page never gets here, and an S3 client would want credentials.
        var s3 = services.GetRequiredService<IAmazonS3>();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = target.Watched.Bucket, Key = key, InputStream = content, AutoCloseStream = false }, cancellationToken);
        return new PlaygroundUpload(key, length, time.GetUtcNow());
    }

    /// <summary>Puts <paramref name="count"/> small product JSON objects like the walkthrough's, one at a time.</summary>
    public async Task<IReadOnlyList<PlaygroundUpload>> UploadSamplesAsync(PlaygroundTarget target, int count, CancellationToken cancellationToken)
    {
        if (count is < 1 or > MaxSamples)
        {
            throw new PlaygroundInputException($"Upload 1 to {MaxSamples} samples at a time, not {count}.");
        }

        var uploads = new List<PlaygroundUpload>(count);
        var stamp = time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{stamp:HHmmss}{i:D2}");
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["product_id"] = id,
                ["product_name"] = Products[i % Products.Length],
                ["created_at"] = stamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            using var content = new MemoryStream(body);
            uploads.Add(await UploadAsync(target, $"product_{stamp:yyyyMMdd}_{id}.json", content, body.Length, cancellationToken));
        }

        return uploads;
    }

    /// <summary>A plain file name: what the browser sends, without folders, and safe as the last part of a key.</summary>
    private static string CheckName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length == 0 || name is "." or "..")
        {
            throw new PlaygroundInputException("The file has no name.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new PlaygroundInputException($"The file name is {name.Length} characters long; keep it under {MaxNameLength}.");
        }

        var bad = name.Where(c => char.IsControl(c) || c is '{' or '}' or '^' or '%' or '`' or '[' or ']' or '"' or '<' or '>' or '~' or '#' or '|').Distinct().ToList();
        if (bad.Count > 0)
        {
            throw new PlaygroundInputException($"\"{name}\" has characters S3 keys should avoid: {new StringBuilder().AppendJoin(' ', bad.Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()))}. Rename the file.");
        }

        return name;
    }
}
