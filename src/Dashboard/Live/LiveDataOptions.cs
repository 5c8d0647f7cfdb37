using Dashboard.Configuration;

namespace Dashboard.Live;

/// <summary>How <see cref="LiveData"/> polls: every <see cref="Interval"/>, from <c>Cloud:RefreshSeconds</c>.</summary>
public sealed record LiveDataOptions(TimeSpan Interval)
{
    public static LiveDataOptions From(CloudOptions cloud) => new(cloud.RefreshInterval);
}
