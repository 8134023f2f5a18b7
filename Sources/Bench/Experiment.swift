func experiment() {}
