print("imapwatch")
