namespace Dashboard.Live;

/// <summary>
/// What a page shows of one live feed: the last good value, when it was read, and the error of the last poll if that
/// failed. A failed poll never takes the value away: the page keeps showing it, marked stale.
/// <c>new()</c> is loading: nothing read yet. A feed's first load may report partial values (<see cref="IsPartial"/>) before its complete one.
/// </summary>
public sealed record LiveState<T>(T? Value = null, DateTimeOffset? UpdatedAt = null, string? Error = null, DateTimeOffset? FailedAt = null, bool IsPartial = false)
    where T : class
{
    public bool IsLoading => Value is null && Error is null;

    /// <summary>The last poll failed, and what is shown is older.</summary>
    public bool IsStale => Value is not null && Error is not null;

    /// <summary>Nothing was ever read: the page has only the error to show.</summary>
    public bool IsFailed => Value is null && Error is not null;
}
