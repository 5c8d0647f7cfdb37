using System.Text.Json;

namespace LocalCloud.Glue.DataPlane;

/// <summary>
/// The walkthrough's job, done for real: it reads the JSON objects that the run's events name and writes them as one
/// Parquet file under the target prefix.
/// <para>
/// A job is this converter when its arguments (default arguments, then the trigger's, then the run's) hold
/// <c>--localcloud-job-type json-to-parquet</c>, <c>--source_path s3://bucket/prefix/</c> and
/// <c>--target_path s3://bucket/prefix/</c>. The script location and language say nothing: on AWS the script decides
/// what a job does, and LocalCloud runs no scripts.
/// </para>
/// <para>
/// Input: the objects named by the events that started the workflow run (CloudTrail PutObject or S3 "Object Created"),
/// keeping those under <c>--source_path</c>. A run started without events (StartJobRun, StartWorkflowRun) reads every
/// object under <c>--source_path</c>. Output: <c>part-&lt;job run id&gt;.parquet</c> under <c>--target_path</c>, written
/// with S3's PutObject. Column types follow <see cref="ColumnInference"/>.
/// </para>
/// </summary>
internal sealed record JsonToParquetJob(S3Location Source, S3Location Target)
{
    public const string TypeKey = "--localcloud-job-type";
    public const string TypeValue = "json-to-parquet";
    public const string SourceKey = "--source_path";
    public const string TargetKey = "--target_path";

    /// <summary>
    /// The converter these arguments ask for; null when they do not ask for one. A marker with missing or malformed
    /// paths is a mistake the job run reports, so it is returned as <paramref name="problem"/>.
    /// </summary>
    public static JsonToParquetJob? Recognize(IReadOnlyDictionary<string, string>? arguments, out string? problem)
    {
        problem = null;
        if (arguments?.GetValueOrDefault(TypeKey) is not { } type || !string.Equals(type, TypeValue, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!S3Location.TryParse(arguments.GetValueOrDefault(SourceKey), out var source))
        {
            problem = $"{TypeKey} {TypeValue} needs {SourceKey} as s3://bucket/prefix/, but it is '{arguments.GetValueOrDefault(SourceKey)}'.";
            return null;
        }

        if (!S3Location.TryParse(arguments.GetValueOrDefault(TargetKey), out var target))
        {
            problem = $"{TypeKey} {TypeValue} needs {TargetKey} as s3://bucket/prefix/, but it is '{arguments.GetValueOrDefault(TargetKey)}'.";
            return null;
        }

        return new JsonToParquetJob(source, target);
    }

    /// <summary>
    /// Runs the conversion. Returns the written object's location, or null when there was nothing to convert. Bad JSON
    /// throws <see cref="JsonInputException"/> naming the object, line and position.
    /// </summary>
    public async Task<string?> RunAsync(IObjectStore store, string account, string region, string jobRunId, IReadOnlyList<string>? eventBodies, CancellationToken cancellationToken)
    {
        var inputs = await InputsAsync(store, account, region, eventBodies, cancellationToken);
        var records = new List<JsonRecord>();
        foreach (var input in inputs)
        {
            var content = await store.GetAsync(account, region, input.Bucket, input.Key, cancellationToken);
            records.AddRange(JsonRecords.Read(input.ToString(), content));
        }

        if (records.Count == 0)
        {
            return null;
        }

        var columns = ColumnInference.Infer(records);
        var parquet = await ParquetFiles.WriteAsync(records, columns, cancellationToken);
        var key = $"{Target.Prefix}part-{jobRunId}.parquet";
        await store.PutAsync(account, region, Target.Bucket, key, parquet, "application/vnd.apache.parquet", cancellationToken);
        return $"s3://{Target.Bucket}/{key}";
    }

    private async Task<List<S3ObjectRef>> InputsAsync(IObjectStore store, string account, string region, IReadOnlyList<string>? eventBodies, CancellationToken cancellationToken)
    {
        if (eventBodies is null)
        {
            var listed = await store.ListAsync(account, region, Source.Bucket, Source.Prefix, cancellationToken);
            return [.. listed.Where(o => !o.Key.EndsWith('/')).Select(o => new S3ObjectRef(Source.Bucket, o.Key))];
        }

        // Each object once, in the order its events arrived: EventBridge may deliver an event twice.
        return [.. eventBodies.Select(EventObjects.From).OfType<S3ObjectRef>().Where(Source.Contains).Distinct()];
    }

    /// <summary>The event bodies of a run, in the order of its <c>aws:eventIds</c>; null when events did not start it.</summary>
    public static IReadOnlyList<string>? EventBodiesOf(IReadOnlyDictionary<string, string> runProperties, IReadOnlyDictionary<string, string>? bodies)
    {
        if (runProperties.GetValueOrDefault(RunProperties.EventIds) is not { } ids || bodies is null)
        {
            return null;
        }

        var order = JsonSerializer.Deserialize<string[]>(ids) ?? [];
        return [.. order.Select(id => bodies.GetValueOrDefault(id)).OfType<string>()];
    }
}

/// <summary>The argument names that make a job the JSON → Parquet converter, for seeds and scripts that create one.</summary>
public static class JsonToParquetJobArguments
{
    public const string Type = JsonToParquetJob.TypeKey;
    public const string TypeValue = JsonToParquetJob.TypeValue;
    public const string Source = JsonToParquetJob.SourceKey;
    public const string Target = JsonToParquetJob.TargetKey;
}
