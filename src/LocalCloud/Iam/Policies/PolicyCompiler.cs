using System.Text;
using System.Text.Json;
using LocalCloud.Protocol;

namespace LocalCloud.Iam.Policies;

/// <summary>
/// Validates a policy document and compiles it into immutable matchers, once, when it is stored. A document IAM
/// would refuse gets <c>MalformedPolicyDocument</c> with IAM's wording: "This policy contains invalid Json", "The
/// policy must contain a valid version string", "Syntax errors in policy." (with the reason added, since IAM's
/// own message names none), "Policy statement must contain actions.", "Policy statement must contain resources.",
/// "Policy document should not specify a principal.", "Has prohibited field Resource.", …
/// </summary>
public static class PolicyCompiler
{
    private static readonly HashSet<string> TopElements = new(StringComparer.Ordinal) { "Version", "Id", "Statement" };

    private static readonly HashSet<string> StatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    };

    private static readonly HashSet<string> PrincipalTypes = new(StringComparer.Ordinal) { "AWS", "Service", "Federated", "CanonicalUser" };

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    /// <summary>Compiles the document, or throws <see cref="AwsServiceException"/> <c>MalformedPolicyDocument</c>.</summary>
    public static PolicyDocument Compile(string text, PolicyKind kind)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException)
        {
            throw IamErrors.MalformedPolicy("This policy contains invalid Json");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw IamErrors.MalformedPolicy("This policy contains invalid Json");
            }

            foreach (var element in root.EnumerateObject())
            {
                if (!TopElements.Contains(element.Name))
                {
                    throw Syntax($"'{element.Name}' is not a policy element (Version, Id, Statement).");
                }
            }

            var version = PolicyDocument.Version2008;
            if (root.TryGetProperty("Version", out var versionElement))
            {
                version = versionElement.ValueKind == JsonValueKind.String ? versionElement.GetString() ?? string.Empty : string.Empty;
                if (version is not (PolicyDocument.Version2012 or PolicyDocument.Version2008))
                {
                    throw IamErrors.MalformedPolicy("The policy must contain a valid version string");
                }
            }

            if (root.TryGetProperty("Id", out var id) && id.ValueKind != JsonValueKind.String)
            {
                throw Syntax("Id must be a string.");
            }

            if (!root.TryGetProperty("Statement", out var statementElement))
            {
                throw Syntax("The policy has no Statement.");
            }

            var items = statementElement.ValueKind switch
            {
                JsonValueKind.Object => [statementElement],
                JsonValueKind.Array => statementElement.EnumerateArray().ToList(),
                _ => throw Syntax("Statement must be an object or an array of objects."),
            };
            if (items.Count == 0)
            {
                throw Syntax("Statement must not be empty.");
            }

            var spans = StatementSpans(text);
            var variables = version == PolicyDocument.Version2012;
            var statements = new List<PolicyStatement>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var (start, end) = i < spans.Count ? spans[i] : (new TextPosition(1, 1), new TextPosition(1, 1));
                statements.Add(CompileStatement(items[i], i + 1, kind, variables, start, end));
            }

            var sids = statements.Where(s => !string.IsNullOrEmpty(s.Sid)).Select(s => s.Sid!).ToList();
            if (sids.Count != sids.Distinct(StringComparer.Ordinal).Count())
            {
                throw IamErrors.MalformedPolicy("Statement IDs (SID) in a single policy must be unique.");
            }

            return new PolicyDocument(text, version, kind, statements);
        }
    }

    private static PolicyStatement CompileStatement(JsonElement statement, int number, PolicyKind kind, bool variables, TextPosition start, TextPosition end)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw Syntax($"Statement {number} must be an object.");
        }

        foreach (var element in statement.EnumerateObject())
        {
            if (!StatementElements.Contains(element.Name))
            {
                throw Syntax($"Statement {number}: '{element.Name}' is not a statement element.");
            }
        }

        string? sid = null;
        if (statement.TryGetProperty("Sid", out var sidElement))
        {
            sid = sidElement.ValueKind == JsonValueKind.String ? sidElement.GetString() : throw Syntax($"Statement {number}: Sid must be a string.");
        }

        if (!statement.TryGetProperty("Effect", out var effect))
        {
            throw Syntax($"Statement {number} has no Effect.");
        }

        var effectText = effect.ValueKind == JsonValueKind.String ? effect.GetString() : null;
        var isAllow = string.Equals(effectText, "Allow", StringComparison.OrdinalIgnoreCase);
        if (!isAllow && !string.Equals(effectText, "Deny", StringComparison.OrdinalIgnoreCase))
        {
            throw Syntax($"Statement {number}: Effect must be \"Allow\" or \"Deny\", not {effect.GetRawText()}.");
        }

        var hasAction = statement.TryGetProperty("Action", out var action);
        var hasNotAction = statement.TryGetProperty("NotAction", out var notAction);
        var hasResource = statement.TryGetProperty("Resource", out var resource);
        var hasNotResource = statement.TryGetProperty("NotResource", out var notResource);
        var hasPrincipal = statement.TryGetProperty("Principal", out var principal);
        var hasNotPrincipal = statement.TryGetProperty("NotPrincipal", out var notPrincipal);
        if (hasAction && hasNotAction)
        {
            throw Syntax($"Statement {number} has both Action and NotAction.");
        }

        if (hasResource && hasNotResource)
        {
            throw Syntax($"Statement {number} has both Resource and NotResource.");
        }

        if (hasPrincipal && hasNotPrincipal)
        {
            throw Syntax($"Statement {number} has both Principal and NotPrincipal.");
        }

        var actions = hasAction || hasNotAction ? Strings(hasAction ? action : notAction, number, hasAction ? "Action" : "NotAction") : [];
        var resources = hasResource || hasNotResource ? Strings(hasResource ? resource : notResource, number, hasResource ? "Resource" : "NotResource") : [];
        var conditions = statement.TryGetProperty("Condition", out var condition) ? Conditions(condition, number, variables) : [];
        var principals = hasPrincipal || hasNotPrincipal ? Principals(hasPrincipal ? principal : notPrincipal, number) : null;

        if (actions.Count == 0)
        {
            throw IamErrors.MalformedPolicy("Policy statement must contain actions.");
        }

        foreach (var name in actions)
        {
            CheckAction(name);
        }

        if (kind == PolicyKind.Identity)
        {
            if (resources.Count == 0)
            {
                throw IamErrors.MalformedPolicy("Policy statement must contain resources.");
            }

            if (principals is not null)
            {
                throw IamErrors.MalformedPolicy("Policy document should not specify a principal.");
            }

            foreach (var name in resources)
            {
                if (name != "*" && !name.StartsWith("arn:", StringComparison.Ordinal))
                {
                    throw IamErrors.MalformedPolicy($"Resource {name} must be in ARN format or \"*\".");
                }
            }
        }
        else
        {
            if (hasResource || hasNotResource)
            {
                throw IamErrors.MalformedPolicy("Has prohibited field Resource.");
            }

            if (principals is null)
            {
                throw IamErrors.MalformedPolicy("Missing required field Principal.");
            }

            foreach (var name in actions)
            {
                if (!name.StartsWith("sts:", StringComparison.OrdinalIgnoreCase) && name != "*")
                {
                    throw IamErrors.MalformedPolicy("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity");
                }
            }
        }

        return new PolicyStatement(
            sid,
            number,
            isAllow,
            new PatternSet(actions, ignoreCase: true, variablesAllowed: false),
            hasNotAction,
            kind == PolicyKind.Identity ? new PatternSet(resources, ignoreCase: false, variablesAllowed: variables) : null,
            hasNotResource,
            principals,
            hasNotPrincipal,
            conditions,
            start,
            end);
    }

    /// <summary>IAM's own checks on an action name: a vendor prefix, one colon, a vendor of letters, digits, '-' and '.'.</summary>
    private static void CheckAction(string action)
    {
        if (action == "*")
        {
            return;
        }

        var parts = action.Split(':');
        if (parts.Length == 1)
        {
            throw IamErrors.MalformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }

        if (parts.Length > 2)
        {
            throw IamErrors.MalformedPolicy("Actions/Condition can contain only one colon.");
        }

        if (parts[0].Length == 0 || parts[0].Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw IamErrors.MalformedPolicy($"Vendor {parts[0]} is not valid");
        }
    }

    private static List<string> Strings(JsonElement element, int number, string name) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString() ?? string.Empty],
        JsonValueKind.Array => element.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? string.Empty : throw Syntax($"Statement {number}: every {name} value must be a string."))
            .ToList(),
        _ => throw Syntax($"Statement {number}: {name} must be a string or an array of strings."),
    };

    private static Condition[] Conditions(JsonElement block, int number, bool variables)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw Syntax($"Statement {number}: Condition must be an object of operators.");
        }

        var conditions = new List<Condition>();
        foreach (var operatorEntry in block.EnumerateObject())
        {
            var op = ConditionOperator.Parse(operatorEntry.Name)
                ?? throw Syntax($"Statement {number}: '{operatorEntry.Name}' is not a condition operator.");
            if (operatorEntry.Value.ValueKind != JsonValueKind.Object)
            {
                throw Syntax($"Statement {number}: the {op.Name} condition must be an object of condition keys.");
            }

            foreach (var keyEntry in operatorEntry.Value.EnumerateObject())
            {
                if (!keyEntry.Name.Contains(':', StringComparison.Ordinal))
                {
                    throw IamErrors.MalformedPolicy("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
                }

                var values = keyEntry.Value.ValueKind == JsonValueKind.Array
                    ? keyEntry.Value.EnumerateArray().Select(v => ConditionValue(v, number, keyEntry.Name)).ToArray()
                    : [ConditionValue(keyEntry.Value, number, keyEntry.Name)];
                try
                {
                    conditions.Add(Condition.Create(op, keyEntry.Name, values, variables));
                }
                catch (FormatException error)
                {
                    throw Syntax($"Statement {number}: {error.Message}");
                }
            }
        }

        return [.. conditions];
    }

    private static string ConditionValue(JsonElement value, int number, string key) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => throw Syntax($"Statement {number}: the values of '{key}' must be strings, numbers or booleans."),
    };

    private static PrincipalSet Principals(JsonElement element, int number)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*" ? new PrincipalSet(true, []) : throw Syntax($"Statement {number}: a Principal string must be \"*\".");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax($"Statement {number}: Principal must be \"*\" or an object such as {{\"Service\": \"events.amazonaws.com\"}}.");
        }

        var byType = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var entry in element.EnumerateObject())
        {
            if (!PrincipalTypes.Contains(entry.Name))
            {
                throw IamErrors.MalformedPolicy($"Invalid principal in policy: \"{entry.Name}\"");
            }

            byType[entry.Name] = [.. Strings(entry.Value, number, $"Principal {entry.Name}")];
        }

        return new PrincipalSet(false, byType);
    }

    /// <summary>Where each statement object opens and closes (its braces) in the text, for the positions a simulation reports.</summary>
    private static List<(TextPosition Start, TextPosition End)> StatementSpans(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 32 });
        var spans = new List<(TextPosition, TextPosition)>();
        var inStatement = false;
        var statementDepth = 0;
        long start = 0;
        while (reader.Read())
        {
            if (!inStatement && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("Statement"u8))
            {
                reader.Read();
                inStatement = true;
                statementDepth = reader.TokenType == JsonTokenType.StartArray ? 2 : 1;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    start = reader.TokenStartIndex;
                }
                else if (reader.TokenType != JsonTokenType.StartArray)
                {
                    break;
                }

                continue;
            }

            if (!inStatement)
            {
                continue;
            }

            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == statementDepth)
            {
                start = reader.TokenStartIndex;
            }
            else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == statementDepth)
            {
                spans.Add((Position(bytes, start), Position(bytes, reader.TokenStartIndex)));
                if (statementDepth == 1)
                {
                    break;
                }
            }
            else if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == statementDepth - 1)
            {
                break;
            }
        }

        return spans;
    }

    private static TextPosition Position(byte[] bytes, long offset)
    {
        var line = 1;
        var lineStart = 0L;
        for (var i = 0L; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new TextPosition(line, (int)(offset - lineStart) + 1);
    }

    private static AwsServiceException Syntax(string reason) => IamErrors.MalformedPolicy($"Syntax errors in policy. {reason}");
}
