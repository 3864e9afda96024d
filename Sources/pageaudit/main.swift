import PageAuditCore
print("pageaudit")
