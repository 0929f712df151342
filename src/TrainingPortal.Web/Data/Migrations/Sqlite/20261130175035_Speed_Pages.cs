using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Speed_Pages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "EnrollmentStandings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_EntityId",
                table: "AuditLog",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_EntityType_Id",
                table: "AuditLog",
                columns: new[] { "EntityType", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditLog_EntityId",
                table: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_EntityType_Id",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "EnrollmentStandings");
        }
    }
}
