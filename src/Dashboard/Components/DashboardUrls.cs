namespace Dashboard.Components;

/// <summary>
/// The dashboard's addresses, built in one place. They are part of the product: people paste them into incident
/// channels, so they must stay stable.
/// </summary>
public static class DashboardUrls
{
    public const string Workflows = "/";

    public static string Workflow(string name) => $"/workflows/{Uri.EscapeDataString(name)}";

    public static string Run(string workflow, string runId) => $"{Workflow(workflow)}/runs/{Uri.EscapeDataString(runId)}";
}
