import Commands

await Imapwatch.start()
