"""Administration: the unit, its departments, its people and their accounts. Admin accounts only."""
