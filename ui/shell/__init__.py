"""The application shell: main window, welcome page, views, wizard and start-up."""
