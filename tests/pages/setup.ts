// page test setup: filled in with the wx mock
