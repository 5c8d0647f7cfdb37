namespace Dashboard.Tests.Shared;

/// <summary>
/// Tests that start the app through <c>WebApplicationFactory&lt;Program&gt;</c>. The factory finds the app's host by
/// listening to a process-wide diagnostic event while <c>Program</c> runs, so two factories starting at once can pick
/// up each other's host, which one of them then disposes. These tests therefore never run beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "App host";
}
