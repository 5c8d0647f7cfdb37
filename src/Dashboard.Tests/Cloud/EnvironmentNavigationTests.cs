using Dashboard.Cloud;
using Dashboard.Components;

namespace Dashboard.Tests.Cloud;

/// <summary>How <c>?env=</c> survives navigation, and when a navigation reloads into another environment.</summary>
public sealed class EnvironmentNavigationTests
{
    private static readonly CloudEnvironment Prod = new("prod");

    [Theory]
    [InlineData("/workflows/a", "/workflows/a?env=prod")]
    [InlineData("/rules/default/r?range=5h", "/rules/default/r?range=5h&env=prod")]
    [InlineData("/?q=x&env=staging#top", "/?q=x&env=prod#top")]
    [InlineData("http://127.0.0.1:5000/workflows/a%20b?env=prod", "http://127.0.0.1:5000/workflows/a%20b?env=prod")]
    public void WithEnvironment_SetsEnvAndKeepsTheRest(string url, string expected) =>
        Assert.Equal(expected, DashboardUrls.WithEnvironment(url, "prod"));

    [Fact]
    public void LinkWithoutEnv_FromAnExplicitEnvironment_KeepsIt() =>
        Assert.Equal(
            (EnvironmentMove.KeepEnvironment, "http://h/workflows/a?env=prod"),
            EnvironmentNavigation.Decide("http://h/workflows/a", "prod", Prod));

    [Fact]
    public void LinkWithoutEnv_InTheDefaultEnvironment_Stays() =>
        Assert.Equal((EnvironmentMove.Stay, "http://h/rules"), EnvironmentNavigation.Decide("http://h/rules", null, Prod));

    [Fact]
    public void LinkToTheSameEnvironment_Stays()
    {
        Assert.Equal(EnvironmentMove.Stay, EnvironmentNavigation.Decide("http://h/rules?env=prod", "prod", Prod).Move);
        Assert.Equal(EnvironmentMove.Stay, EnvironmentNavigation.Decide("http://h/rules?env=prod", null, Prod).Move);
    }

    [Fact]
    public void LinkToAnotherEnvironment_Reloads() =>
        Assert.Equal((EnvironmentMove.Reload, "http://h/?env=staging"), EnvironmentNavigation.Decide("http://h/?env=staging", "prod", Prod));

    [Theory]
    [InlineData("http://h/?env=prod", "prod")]
    [InlineData("http://h/workflows/x?range=5h&env=a-b.c#frag", "a-b.c")]
    [InlineData("http://h/workflows/x?range=5h", null)]
    [InlineData("http://h/?env=", null)]
    public void NameIn_ReadsTheQuery(string uri, string? expected) => Assert.Equal(expected, EnvironmentSelection.NameIn(uri));
}
