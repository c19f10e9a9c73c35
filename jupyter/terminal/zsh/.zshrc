# Startup file of JupyterLab's terminal (zsh, the macOS default), found through ZDOTDIR, which
# workbench.launch sets for the terminal. It reads the user's own ~/.zshrc first, then puts this
# installation's tools first on PATH again (see ../bashrc).
ZDOTDIR="$HOME"
if [ -f "$HOME/.zshrc" ]; then
    . "$HOME/.zshrc"
fi
if [ -n "$WORKBENCH_BIN" ]; then
    PATH="$WORKBENCH_BIN:$PATH"
    export PATH
    rehash 2>/dev/null
fi
