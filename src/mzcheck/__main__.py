from mzcheck.cli import main

main()
