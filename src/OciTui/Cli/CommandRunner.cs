using System.CommandLine;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary>Runs one command body and turns every failure into one clean line on stderr and an exit code: never a stack trace.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, ParseResult result, CommonOptions common, Func<Task<int>> body)
    {
        bool verbose = result.GetValue(common.Verbose);
        try
        {
            return await body();
        }
        catch (OciTuiException e)
        {
            context.Error.WriteLine($"ocitui: {e.Message}");
            if (HintFor(e) is { } hint) context.Error.WriteLine($"hint: {hint}");
            if (verbose) WriteChain(context.Error, e);
            return e.IsUsageError ? ExitCodes.Usage : ExitCodes.Failure;
        }
        catch (OperationCanceledException e)
        {
            if (e is ResumableCancellationException kept)
            {
                context.Error.WriteLine($"ocitui: {kept.Message}");
                context.Error.WriteLine($"hint: {kept.Hint}");
            }
            else
            {
                context.Error.WriteLine("ocitui: cancelled.");
            }
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"ocitui: {TerminalText.Sanitize(e.Message, 300)}");
            if (verbose) WriteChain(context.Error, e);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The core's hint, said with the command line's own flags where it has them.</summary>
    public static string? HintFor(OciTuiException e) => e.HintTopic switch
    {
        HintTopic.PlainHttp => "If the registry serves plain HTTP, set plainHttp in the profile (--plain-http on the command line) or give an http:// address.",
        HintTopic.RepositoryListingRefused => "Name the repository in the target (PROFILE/REPOSITORY or HOST/REPOSITORY), or pin the repositories you use in the profile.",
        _ => e.Hint,
    };

    /// <summary>The exception types and messages down the chain, for --verbose; messages of ours carry no secret by construction.</summary>
    private static void WriteChain(TextWriter error, Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            error.WriteLine($"  {e.GetType().FullName}: {TerminalText.Sanitize(e.Message, 300)}");
    }
}
