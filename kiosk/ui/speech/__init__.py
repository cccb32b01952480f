"""Read-aloud: the Speaker on Qt Text to Speech, voice choice, a speech-dispatcher probe."""
