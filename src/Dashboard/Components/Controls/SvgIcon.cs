using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

/// <summary>
/// Material icons as plain inline SVG markup, for markup rendered many times (table rows): no component per icon, and
/// one frame in a render tree where the element and its attributes take seven. One string per icon and class, shared by
/// every render of every circuit.
/// </summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string? Class), MarkupString> Built = new();

    /// <summary>A decorative icon (its meaning is in the text or the label beside it), sized and coloured by MudIcon's classes.</summary>
    /// <param name="icon">One of MudBlazor's <c>Icons</c> constants: trusted SVG content.</param>
    /// <param name="cssClass">Extra classes: a constant of ours, never user input.</param>
    public static MarkupString Markup(string icon, string? cssClass = null) => Built.GetOrAdd((icon, cssClass), static key => new MarkupString(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-small {key.Class}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
