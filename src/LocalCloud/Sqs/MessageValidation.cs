using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LocalCloud.Sqs;

/// <summary>SQS's rules for what a message may carry: body characters and size, and up to 10 typed attributes.</summary>
internal static partial class MessageValidation
{
    public const int MaxAttributes = 10;

    public static void ValidateBody(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            int codePoint = body[i];
            if (char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                codePoint = char.ConvertToUtf32(body[i], body[i + 1]);
                i++;
            }

            var allowed = codePoint is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
            if (!allowed)
            {
                throw SqsErrors.InvalidMessageContents(
                    $"Invalid binary character '#x{codePoint:X}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
        }
    }

    /// <summary>Validates the attributes and returns their size in bytes (names, types and values), which counts against the message size.</summary>
    public static int ValidateAttributes(IReadOnlyDictionary<string, MessageAttributeValue>? attributes)
    {
        if (attributes is null)
        {
            return 0;
        }

        if (attributes.Count > MaxAttributes)
        {
            throw SqsErrors.InvalidParameterValue($"Number of message attributes [{attributes.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        }

        var size = 0;
        foreach (var (name, value) in attributes)
        {
            ValidateName(name);
            var type = value.DataType;
            if (string.IsNullOrEmpty(type))
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type.");
            }

            if (value.StringListValues is { Count: > 0 } || value.BinaryListValues is { Count: > 0 })
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' uses list values, which SQS reserves for future use and does not accept.");
            }

            var baseType = type.Split('.')[0];
            switch (baseType)
            {
                case "String" or "Number" when string.IsNullOrEmpty(value.StringValue):
                    throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{baseType}'.");
                case "Number" when !decimal.TryParse(value.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                    throw SqsErrors.InvalidParameterValue($"Can't cast the value of message (user) attribute '{name}' to a number.");
                case "Binary" when value.BinaryValue is not { Length: > 0 }:
                    throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type 'Binary'.");
                case "String" or "Number" or "Binary":
                    break;
                default:
                    throw SqsErrors.InvalidParameterValue($"The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
            }

            if (type.Length > 256)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' has a data type longer than 256 characters.");
            }

            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(type)
                + (value.BinaryValue?.Length ?? Encoding.UTF8.GetByteCount(value.StringValue ?? string.Empty));
        }

        return size;
    }

    /// <summary>
    /// Up to 256 letters, digits, <c>_ - .</c>; no leading, trailing or doubled period; no <c>AWS.</c> or <c>Amazon.</c> prefix.
    /// </summary>
    private static void ValidateName(string name)
    {
        var valid = name.Length is > 0 and <= 256
            && AttributeNamePattern().IsMatch(name)
            && !name.StartsWith('.') && !name.EndsWith('.') && !name.Contains("..", StringComparison.Ordinal)
            && !name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw SqsErrors.InvalidParameterValue(
                $"Message (user) attribute name '{name}' is invalid: use up to 256 letters, digits, hyphens, underscores and periods, with no leading, trailing or repeated period, and no 'AWS.' or 'Amazon.' prefix.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex AttributeNamePattern();
}
