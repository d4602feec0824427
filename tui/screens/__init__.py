"""The app's screens, one module each: home (course map), quiz, review, exercises, progress, help."""
