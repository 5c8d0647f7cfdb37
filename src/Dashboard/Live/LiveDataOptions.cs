using Dashboard.Configuration;

namespace Dashboard.Live;

/// <summary>How <see cref="LiveData"/> polls: every <see cref="Interval"/>, from <c>Cloud:RefreshSeconds</c>.</summary>
public sealed record LiveDataOptions(TimeSpan Interval)
{
    /// <summary>The longest a feed outlives its last subscriber.</summary>
    public static readonly TimeSpan MaxLinger = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a feed keeps polling after its last subscriber leaves: long enough for a reloaded page, or a prerendered
    /// page becoming interactive, to find it warm instead of starting its load again; never longer than one poll.
    /// </summary>
    public TimeSpan Linger => Interval < MaxLinger ? Interval : MaxLinger;

    public static LiveDataOptions From(CloudOptions cloud) => new(cloud.RefreshInterval);
}
