using Bunit;
using Dashboard.Components.Controls;
using Dashboard.Playground;
using Dashboard.Security;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Components;

public sealed class FaultsPanelTests : DashboardComponentTest
{
    private readonly FakeLocalCloudFaults _faults = new();

    private void As(Actor actor)
    {
        Services.AddSingleton<ILocalCloudFaults>(_faults);
        Services.AddSingleton<ICurrentActor>(new FixedActor(actor));
    }

    private IRenderedComponent<FaultsPanel> RenderPanel(Actor? actor = null)
    {
        As(actor ?? FixedActor.Operator);
        return RenderWithProviders<FaultsPanel>();
    }

    private static void Type(IRenderedComponent<FaultsPanel> panel, string testId, string value) =>
        panel.Find($"[data-testid={testId}] input").Input(value);

    private static void Add(IRenderedComponent<FaultsPanel> panel) =>
        panel.Find("[data-testid=fault-add]").Click();

    [Fact]
    public void ActiveRules_AreListedWithServiceOperationKindRateAndLatency()
    {
        _faults.Add(new InjectedFault("glue", "GetWorkflowRuns", InjectedFaultKind.Throttle, 0.25));
        _faults.Add(new InjectedFault("events", "*", InjectedFaultKind.Latency, 1, 800));

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=fault-rule]").Count));
        var rules = panel.FindAll("[data-testid=fault-rule]")
            .Select(r => string.Join(' ', r.QuerySelectorAll(".fault-facts > *").Select(part => part.TextContent.Trim())))
            .ToList();
        Assert.Equal("glue GetWorkflowRuns Throttle 25 %", rules[0]);
        Assert.Equal("events * Latency 100 % +800 ms", rules[1]);
        Assert.Contains("2 active", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRules_SaysLocalCloudAnswersEveryCall()
    {
        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal("None: LocalCloud answers every call.", panel.Find("[data-testid=faults-none]").TextContent));
    }

    [Fact]
    public void AddForm_ValidRule_IsSentAndListed()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=faults-none]");

        panel.Find("[data-testid=fault-service]").Change(FaultDraft.Services.ToList().IndexOf("monitoring").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Type(panel, "fault-operation", "GetMetricData");
        panel.Find("[data-testid=fault-kind]").Change("1");
        Type(panel, "fault-rate", "30");
        Add(panel);

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=fault-rule]")));
        Assert.Equal(new InjectedFault("monitoring", "GetMetricData", InjectedFaultKind.ServerError, 0.3), Assert.Single(_faults.Puts));
        Assert.Empty(panel.FindAll("[data-testid=faults-error]"));
    }

    [Fact]
    public void AddForm_Latency_SendsTheDelay()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=faults-none]");

        panel.Find("[data-testid=fault-kind]").Change("2");
        Type(panel, "fault-latency", "1500");
        Add(panel);

        panel.WaitForAssertion(() => Assert.Equal(new InjectedFault("glue", "*", InjectedFaultKind.Latency, 1, 1500), Assert.Single(_faults.Puts)));
    }

    [Fact]
    public void AddForm_BadFields_ShowEachProblemAndSendNothing()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=faults-none]");

        Type(panel, "fault-operation", "Get Runs");
        Type(panel, "fault-rate", "0");
        panel.Find("[data-testid=fault-kind]").Change("2");
        Add(panel);

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("'Get Runs' is not an operation name: use its API name, such as GetWorkflowRuns, or * for every operation.", panel.Markup, StringComparison.Ordinal);
            Assert.Contains("The rate is '0', but it must be a whole number from 1 to 100 (%).", panel.Markup, StringComparison.Ordinal);
            Assert.Contains("Latency needs the delay to add: a whole number of milliseconds from 1 to 60000.", panel.Markup, StringComparison.Ordinal);
        });
        Assert.Equal(0, _faults.Writes);
    }

    [Fact]
    public void AddForm_ProblemsClearAsTheUserFixesThem()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=faults-none]");
        Type(panel, "fault-rate", "250");
        Add(panel);
        panel.WaitForAssertion(() => Assert.Contains("The rate is '250'", panel.Markup, StringComparison.Ordinal));

        Type(panel, "fault-rate", "50");

        panel.WaitForAssertion(() => Assert.DoesNotContain("The rate is", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _faults.Writes);
    }

    [Fact]
    public void EndpointRefuses_ShowsItsMessageAndKeepsTheList()
    {
        _faults.Add(new InjectedFault("s3", "*", InjectedFaultKind.ServerError, 1));
        _faults.RefuseNextWith = "LocalCloud refused the rule: Field 'service' is 'kinesis!', but it must be a service's signing name.";
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=fault-rule]");

        Add(panel);

        panel.WaitForAssertion(() => Assert.Equal(
            "LocalCloud refused the rule: Field 'service' is 'kinesis!', but it must be a service's signing name.",
            panel.Find("[data-testid=faults-error]").TextContent.Trim()));
        Assert.Single(panel.FindAll("[data-testid=fault-rule]"));
    }

    [Fact]
    public void ClearAll_RemovesEveryRule()
    {
        _faults.Add(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1));
        _faults.Add(new InjectedFault("sqs", "*", InjectedFaultKind.Throttle, 0.5));
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=fault-rule]").Count));

        panel.FindAll("button").Single(b => b.TextContent.Contains("Clear all", StringComparison.Ordinal)).Click();

        panel.WaitForElement("[data-testid=faults-none]");
        Assert.Empty(_faults.Current);
    }

    [Fact]
    public void RemoveButton_RemovesThatRuleOnly()
    {
        _faults.Add(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1));
        _faults.Add(new InjectedFault("sqs", "*", InjectedFaultKind.Throttle, 0.5));
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=fault-rule]").Count));

        panel.Find("button[aria-label='Remove fault glue * ServerError']").Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=fault-rule]")));
        Assert.Equal("sqs", Assert.Single(_faults.Current).Service);
    }

    [Fact]
    public async Task RuleGoneAlready_SaysSoAndShowsWhatIsLeft()
    {
        var gone = new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1);
        _faults.Add(gone);
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=fault-rule]");
        await _faults.ClearAsync(FixedActor.Operator, Xunit.TestContext.Current.CancellationToken);

        panel.Find("button[aria-label='Remove fault glue * ServerError']").Click();

        panel.WaitForAssertion(() => Assert.Contains("someone removed it already", panel.Find("[data-testid=faults-error]").TextContent, StringComparison.Ordinal));
        panel.WaitForElement("[data-testid=faults-none]");
    }

    [Fact]
    public void Preset_AddsItsRules()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=faults-none]");

        panel.FindAll("button").Single(b => b.TextContent.Contains("Throttle Glue reads (50 %)", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.Equal(4, panel.FindAll("[data-testid=fault-rule]").Count));
        Assert.All(_faults.Current, f => Assert.Equal(("glue", InjectedFaultKind.Throttle, 0.5), (f.Service, f.Kind, f.Rate)));
        Assert.Contains(_faults.Current, f => f.Operation == "GetWorkflowRuns");
    }

    [Fact]
    public void Viewer_SeesTheRulesButCannotChangeThem()
    {
        _faults.Add(new InjectedFault("glue", "*", InjectedFaultKind.ServerError, 1));

        var panel = RenderPanel(FixedActor.Viewer);

        panel.WaitForAssertion(() => Assert.Equal(
            "vic has the Viewer role, and only an Operator may change LocalCloud's faults.",
            panel.Find("[data-testid=faults-read-only]").TextContent.Trim()));
        Assert.True(panel.Find("[data-testid=fault-add]").HasAttribute("disabled"));
        Assert.True(panel.Find("button[aria-label='Remove fault glue * ServerError']").HasAttribute("disabled"));
        Assert.Single(panel.FindAll("[data-testid=fault-rule]"));
    }

    [Fact]
    public void Panel_SaysWhatToWatch()
    {
        var panel = RenderPanel();

        Assert.Contains("Stale since", panel.Find("[data-testid=faults-watch]").TextContent, StringComparison.Ordinal);
        Assert.Contains("FailedInvocations", panel.Find("[data-testid=faults-watch]").TextContent, StringComparison.Ordinal);
    }
}
