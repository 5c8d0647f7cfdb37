using System.Security.Cryptography;

namespace LocalCloud.Iam;

/// <summary>
/// IAM's unique ids: a four-letter prefix that says what the entity is (<c>AROA</c> role, <c>ANPA</c> managed
/// policy) and 17 upper-case letters and digits, as IAM writes them.
/// </summary>
public static class IamIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Role() => "AROA" + Random(17);

    public static string Policy() => "ANPA" + Random(17);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
