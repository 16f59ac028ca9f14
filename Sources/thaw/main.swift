ThawCommand.main()
