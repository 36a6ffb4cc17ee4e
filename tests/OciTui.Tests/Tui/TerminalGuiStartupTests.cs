using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using OciTui.Tui;
using Terminal.Gui.Configuration;

namespace OciTui.Tests.Tui;

/// <summary>
/// The Native AOT build empties Terminal.Gui's module initializer (src/OciTui/TerminalGuiStartup.xml) and the TUI repeats
/// its work at start (<see cref="TerminalGuiConfiguration"/>). These fail when a Terminal.Gui upgrade moves the
/// initializer or gives it more to do, before a published binary would start a half-configured TUI.
/// </summary>
public sealed class TerminalGuiStartupTests
{
    private static readonly XElement Substitution = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "OciTui", "TerminalGuiStartup.xml")).Root!;

    private static MethodInfo StubbedMethod()
    {
        XElement assembly = Substitution.Element("assembly")!;
        XElement type = assembly.Element("type")!;
        XElement method = type.Element("method")!;
        Assert.Equal("stub", (string?)method.Attribute("body"));
        Assembly terminalGui = typeof(TuiConfigurationBuilder).Assembly;
        Assert.Equal((string?)assembly.Attribute("fullname"), terminalGui.GetName().Name);
        Type initializers = terminalGui.GetType((string)type.Attribute("fullname")!, throwOnError: true)!;
        string signature = (string)method.Attribute("signature")!;
        return Assert.Single(initializers.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly),
            m => $"{m.ReturnType.FullName} {m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.FullName))})" == signature);
    }

    [Fact]
    public void The_stubbed_method_is_Terminal_Gui_s_module_initializer()
    {
        Assert.NotNull(StubbedMethod().GetCustomAttribute<ModuleInitializerAttribute>());
    }

    [Fact]
    public void The_initializer_does_nothing_the_TUI_start_does_not_repeat()
    {
        // What TerminalGuiConfiguration.EnsureApplied does: apply the shared configuration, or record why it failed.
        string[] repeated =
        [
            $"{typeof(TuiConfigurationBuilder).FullName}.get_Shared",
            $"{typeof(TuiConfigurationBuilder).FullName}.{nameof(TuiConfigurationBuilder.ApplyToStaticFacades)}",
            $"{typeof(Exception).FullName}.get_Message",
            $"{typeof(string).FullName}.{nameof(string.Concat)}",
            $"{typeof(TuiJsonErrors).FullName}.{nameof(TuiJsonErrors.Add)}",
        ];
        MethodInfo initializer = StubbedMethod();
        IReadOnlyList<string> called = CallsIn(initializer);
        Assert.Contains(repeated[1], called);
        Assert.All(called, c => Assert.Contains(c, repeated));
    }

    [Fact]
    public void The_feature_switch_is_the_one_the_project_sets_and_the_TUI_reads()
    {
        Assert.Equal(TerminalGuiConfiguration.DeferredSwitch, (string?)Substitution.Element("assembly")!.Attribute("feature"));
        Assert.Equal("true", (string?)Substitution.Element("assembly")!.Attribute("featurevalue"));
        string project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "OciTui", "OciTui.csproj"));
        Assert.Contains($"<RuntimeHostConfigurationOption Include=\"{TerminalGuiConfiguration.DeferredSwitch}\" Value=\"true\" Trim=\"true\" />", project, StringComparison.Ordinal);
        // Outside the AOT build the initializer runs as usual, and the TUI start must not apply the configuration twice.
        Assert.False(TerminalGuiConfiguration.IsDeferred);
    }

    /// <summary>The methods a method body calls, as "Type.Method", decoded instruction by instruction.</summary>
    private static IReadOnlyList<string> CallsIn(MethodInfo method)
    {
        Dictionary<short, OpCode> opcodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var calls = new List<string>();
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            OpCode opcode = opcodes[value];
            at += opcode.Size;
            int operand = opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
            if (opcode.OperandType == OperandType.InlineMethod)
            {
                MethodBase called = method.Module.ResolveMethod(BitConverter.ToInt32(il, at))!;
                calls.Add($"{called.DeclaringType!.FullName}.{called.Name}");
            }
            at += operand;
        }
        return calls;
    }
}
