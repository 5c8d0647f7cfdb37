using System.Globalization;
using Dashboard.Aws.Glue;

namespace Dashboard.Batching;

/// <summary>The two fields of an EVENT trigger's <c>EventBatchingCondition</c> that the editor changes.</summary>
public enum BatchingField
{
    BatchSize,
    BatchWindow,
}

/// <summary>What is wrong with one field, in words that name the field and its allowed range.</summary>
public sealed record BatchingProblem(BatchingField Field, string Message);

/// <summary>
/// A new event batching for a trigger: <c>BatchSize</c> 1–100 events (required), <c>BatchWindow</c> 1–900 seconds or
/// none, which means AWS's default of 900 seconds (API_EventBatchingCondition).
/// </summary>
public sealed record BatchingChange(int BatchSize, int? BatchWindow)
{
    public const int MinBatchSize = 1;
    public const int MaxBatchSize = 100;
    public const int MinBatchWindow = 1;
    public const int MaxBatchWindow = 900;

    /// <summary>The window AWS applies when none is set.</summary>
    public const int DefaultBatchWindow = 900;

    private const string SizeRange = "a whole number of events from 1 to 100";
    private const string WindowRange = "a whole number of seconds from 1 to 900, or empty for AWS's default of 900";

    /// <summary>The window that applies: the one set, or AWS's default.</summary>
    public int EffectiveBatchWindow => BatchWindow ?? DefaultBatchWindow;

    /// <summary>The condition to send in <c>TriggerUpdate</c>; an empty window is left out, so AWS applies its default.</summary>
    public EventBatchingCondition ToCondition() => new() { BatchSize = BatchSize, BatchWindow = BatchWindow };

    public static BatchingChange From(EventBatchingCondition condition) => new(condition.BatchSize, condition.BatchWindow);

    /// <summary>Every problem with these values; empty when AWS would accept them.</summary>
    public IReadOnlyList<BatchingProblem> Validate()
    {
        var problems = new List<BatchingProblem>(2);
        if (SizeProblem(BatchSize) is { } size)
        {
            problems.Add(new(BatchingField.BatchSize, size));
        }

        if (BatchWindow is { } window && WindowProblem(window) is { } windowProblem)
        {
            problems.Add(new(BatchingField.BatchWindow, windowProblem));
        }

        return problems;
    }

    /// <summary>
    /// Reads the form's text as typed. Surrounding spaces are ignored; an empty window means AWS's default; anything
    /// else that is not a whole number in range gets a message that says why.
    /// </summary>
    public static BatchingInput Parse(string? batchSize, string? batchWindow)
    {
        var problems = new List<BatchingProblem>(2);

        int? size = null;
        if (string.IsNullOrWhiteSpace(batchSize))
        {
            problems.Add(new(BatchingField.BatchSize, $"Batch size is required: enter {SizeRange}."));
        }
        else if (ReadWhole(batchSize, "Batch size", SizeRange, out var parsedSize) is { } notWhole)
        {
            problems.Add(new(BatchingField.BatchSize, notWhole));
        }
        else if (SizeProblem(parsedSize) is { } range)
        {
            problems.Add(new(BatchingField.BatchSize, range));
        }
        else
        {
            size = (int)parsedSize;
        }

        int? window = null;
        var windowOk = true;
        if (!string.IsNullOrWhiteSpace(batchWindow))
        {
            if (ReadWhole(batchWindow, "Batch window", WindowRange, out var parsedWindow) is { } notWhole)
            {
                problems.Add(new(BatchingField.BatchWindow, notWhole));
                windowOk = false;
            }
            else if (WindowProblem(parsedWindow) is { } range)
            {
                problems.Add(new(BatchingField.BatchWindow, range));
                windowOk = false;
            }
            else
            {
                window = (int)parsedWindow;
            }
        }

        return new BatchingInput(size is { } s && windowOk ? new BatchingChange(s, window) : null, problems);
    }

    private static string? SizeProblem(decimal size) => size switch
    {
        < 0 => $"Batch size must be {SizeRange}; {Show(size)} is negative.",
        < MinBatchSize => $"Batch size must be {SizeRange}; 0 events would never start a run.",
        > MaxBatchSize => $"Batch size must be {SizeRange}; {Show(size)} is more than AWS's maximum of 100.",
        _ => null,
    };

    private static string? WindowProblem(decimal window) => window switch
    {
        < 0 => $"Batch window must be {WindowRange}; {Show(window)} is negative.",
        < MinBatchWindow => $"Batch window must be {WindowRange}; 0 seconds is not allowed (leave it empty for the default).",
        > MaxBatchWindow => $"Batch window must be {WindowRange}; {Show(window)} seconds is more than AWS's maximum of 900 (15 minutes).",
        _ => null,
    };

    /// <summary>Reads a whole number; "5.0" counts as 5, "5.5" and "abc" get a message.</summary>
    private static string? ReadWhole(string text, string field, string range, out decimal value)
    {
        var trimmed = text.Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return $"{field} must be {range}; \"{Clip(trimmed)}\" is not a number.";
        }

        return value == decimal.Truncate(value) ? null : $"{field} must be {range}; {trimmed} is not a whole number.";
    }

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static string Show(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>The form's text read as a change: the change when every field is valid, and one problem per bad field.</summary>
public sealed record BatchingInput(BatchingChange? Change, IReadOnlyList<BatchingProblem> Problems)
{
    public bool IsValid => Change is not null && Problems.Count == 0;

    /// <summary>The message for one field, or null when that field is fine.</summary>
    public string? ProblemWith(BatchingField field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
