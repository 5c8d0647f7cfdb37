using Dashboard.Cloud;
using Dashboard.Configuration;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

/// <summary>What the dashboard is connected to: "Local", or the AWS account and region from STS.</summary>
public partial class CloudBadge : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CloudIdentityInfo? _identity;
    private string? _error;
    private CloudMode _mode;

    [Inject]
    public required ICloudIdentity Identity { get; init; }

    [Inject]
    public required ILogger<CloudBadge> Logger { get; init; }

    /// <summary>The circuit's environment: with several, the app bar's switch shows it, and the badge only a failure.</summary>
    [Inject]
    public required EnvironmentSelection Environments { get; init; }

    private string? EnvironmentName => Environments.Environments.HasChoice ? Environments.Current.Name : null;

    protected override async Task OnInitializedAsync()
    {
        _mode = Identity.Mode;
        try
        {
            _identity = await Identity.GetAsync(_disposed.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogWarning(error, "Could not resolve the caller identity.");
            _error = AwsErrorText.Explain(error);
        }
    }

    private static string Tooltip(CloudIdentityInfo who) => who.Mode == CloudMode.Local
        ? $"LocalCloud at {who.Endpoint} · account {who.AccountId} · {who.Region}"
        : $"{who.Arn} · {who.Region}";

    /// <summary>What the failed badge says: which environment is not connected, when there are several.</summary>
    private string FailureLabel => _mode == CloudMode.Local ? "Local · not reachable"
        : EnvironmentName is { } name ? $"{name} · not connected"
        : "Not connected";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
