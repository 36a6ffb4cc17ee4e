// stdout is buffered and flushed once at the end (Console.Out would flush every line: a write(2) per tag).
using TextWriter stdout = OciTui.Cli.StandardStreams.Open(1, 64 * 1024, autoFlush: false);
using TextWriter stderr = OciTui.Cli.StandardStreams.Open(2, 4096, autoFlush: true);
try
{
    return await OciTui.Cli.CommandLine.RunAsync(args, stdout, stderr);
}
finally
{
    stdout.Flush();
}
