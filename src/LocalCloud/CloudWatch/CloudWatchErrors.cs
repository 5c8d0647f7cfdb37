using LocalCloud.Protocol;

namespace LocalCloud.CloudWatch;

/// <summary>CloudWatch's error codes: its Query-era codes, which query-compatible clients read from any protocol.</summary>
internal static class CloudWatchErrors
{
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string MissingParameter = "MissingParameter";
    public const string InvalidParameterCombination = "InvalidParameterCombination";
    public const string InvalidNextToken = "InvalidNextToken";

    /// <summary>The common error of input that breaks the model's constraints, and GetMetricData's only one.</summary>
    public const string ValidationError = "ValidationError";

    public static AwsServiceException Error(string code, string message) => new(code, message);
}

/// <summary>
/// Collects what is wrong with a request, so one error names every bad member. Like CloudWatch, it reports the kind
/// of the first problem and lists the messages of that kind, one per line.
/// </summary>
internal sealed class ValidationProblems
{
    private readonly List<(string Code, string Message)> _problems = [];

    public bool Any => _problems.Count > 0;

    public void Add(string code, string message) => _problems.Add((code, message));

    /// <summary>Notes a required member that is absent (null or empty).</summary>
    public void Require<T>(T? value, string path, string code = CloudWatchErrors.MissingParameter)
    {
        if (value is null || value is string { Length: 0 })
        {
            Add(code, $"The parameter {path} is required.");
        }
    }

    /// <summary>A metric's dimensions in a query: at most 30, each with a name and a value.</summary>
    public void RequireDimensions(IReadOnlyList<Dimension>? dimensions, string path, string limitCode, string missingCode)
    {
        if (dimensions is null)
        {
            return;
        }

        if (dimensions.Count > MetricDataValidation.MaxDimensions)
        {
            Add(limitCode, $"The collection {path} must not have a size greater than {MetricDataValidation.MaxDimensions}.");
        }

        for (var i = 0; i < dimensions.Count; i++)
        {
            Require(dimensions[i]?.Name, $"{path}.member.{i + 1}.Name", missingCode);
            Require(dimensions[i]?.Value, $"{path}.member.{i + 1}.Value", missingCode);
        }
    }

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            var code = _problems[0].Code;
            throw CloudWatchErrors.Error(code, string.Join('\n', _problems.Where(p => p.Code == code).Select(p => p.Message)));
        }
    }
}
