using Cantus.Cli;

return CantusCommand.Create().Parse(args).Invoke();
