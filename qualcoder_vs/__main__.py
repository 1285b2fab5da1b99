from qualcoder_vs.cli import run

run()
