namespace LocalCloud.Protocol;

/// <summary>One operation: the type its input deserializes to, and the backend method that answers it.</summary>
public sealed record Operation(string Name, Type InputType, Func<RequestContext, object, CancellationToken, ValueTask<object>> Invoke);

/// <summary>A service's operations by name, as the protocol front ends dispatch them.</summary>
public sealed class OperationTable
{
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _operations.Keys;

    public OperationTable Add<TInput, TOutput>(string name, Func<RequestContext, TInput, CancellationToken, ValueTask<TOutput>> handler)
        where TInput : notnull
        where TOutput : notnull
    {
        _operations.Add(name, new Operation(name, typeof(TInput), async (context, input, ct) => await handler(context, (TInput)input, ct)));
        return this;
    }

    public OperationTable Add<TInput, TOutput>(string name, Func<RequestContext, TInput, TOutput> handler)
        where TInput : notnull
        where TOutput : notnull
    {
        _operations.Add(name, new Operation(name, typeof(TInput), (context, input, _) => ValueTask.FromResult<object>(handler(context, (TInput)input))));
        return this;
    }

    /// <summary>
    /// Runs <paramref name="after"/> after every operation added so far, whether it succeeded or not: how a backend
    /// snapshots its definitions into the durable store without a hook in each handler.
    /// </summary>
    public OperationTable AfterEach(Action<RequestContext> after)
    {
        foreach (var operation in _operations.Values.ToList())
        {
            _operations[operation.Name] = operation with
            {
                Invoke = async (context, input, ct) =>
                {
                    try
                    {
                        return await operation.Invoke(context, input, ct);
                    }
                    finally
                    {
                        after(context);
                    }
                },
            };
        }

        return this;
    }

    public Operation Get(string name) =>
        _operations.TryGetValue(name, out var operation) ? operation : throw AwsServiceException.UnknownOperation(name);
}

/// <summary>The protocols a service speaks, and the names it is known by on the wire.</summary>
public interface IAwsService
{
    /// <summary>The SigV4 service name: <c>glue</c>, <c>events</c>, <c>monitoring</c>, …</summary>
    string SigningName { get; }

    /// <summary>The <c>X-Amz-Target</c> prefix of its JSON protocol, if it has one.</summary>
    string? TargetPrefix { get; }

    /// <summary>The XML namespace of its Query protocol responses, if it speaks Query.</summary>
    string? QueryNamespace { get; }

    OperationTable Operations { get; }
}

/// <summary>An empty input or output.</summary>
public sealed record Empty;
