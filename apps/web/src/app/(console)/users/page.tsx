import type { Metadata } from "next";
import { UserAdmin } from "@/components/users/UserAdmin";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Users" };

export default function UsersRoute() {
  return (
    <>
      <PageHeader title="Users" subtitle="Who can sign in, and what their role allows: viewer < operator < editor < admin." />
      <UserAdmin />
    </>
  );
}
