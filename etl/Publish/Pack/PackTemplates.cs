using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace Warehouse.Etl.Publish.Pack;

/// <summary>
/// The pack's Liquid templates (Pack/Templates, embedded): layout, front page, and one per section with a layout of
/// its own; any other section is printed by table.liquid. Values are html-encoded by the engine; a template writes
/// markup made in code (charts, sections) through the raw filter only.
/// </summary>
public static class PackTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate?> Cache = new(StringComparer.Ordinal);
    private static readonly TemplateOptions Options = TemplateOptions.Default;
    // Every character as itself (£, –, ↑ stay readable in the file); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The section's own template, or the generic table template when it has none.</summary>
    public static string For(string sectionKey) => Load(sectionKey) is null ? "table" : sectionKey;

    public static string Render(string name, IReadOnlyDictionary<string, object?> model)
    {
        var template = Load(name) ?? throw new InvalidOperationException($"The pack template '{name}.liquid' is not embedded in the build.");
        var context = new TemplateContext(Options, StringComparer.Ordinal);
        foreach (var (key, value) in model)
            context.SetValue(key, FluidValue.Create(value, Options));
        return template.Render(context, Encoder, true);
    }

    private static IFluidTemplate? Load(string name) => Cache.GetOrAdd(name, n =>
    {
        using var stream = typeof(PackTemplates).Assembly.GetManifestResourceStream($"Pack.Templates.{n}.liquid");
        if (stream is null)
            return null;
        var text = new StreamReader(stream).ReadToEnd();
        if (!Parser.TryParse(text, out var template, out var error))
            throw new InvalidOperationException($"The pack template '{n}.liquid' does not parse: {error}");
        return template;
    });
}
