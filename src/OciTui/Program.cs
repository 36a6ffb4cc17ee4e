return await OciTui.Cli.CommandLine.RunAsync(args, Console.Out, Console.Error);
