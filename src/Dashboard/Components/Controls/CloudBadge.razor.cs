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

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
